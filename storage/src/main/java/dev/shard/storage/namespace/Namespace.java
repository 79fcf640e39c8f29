package dev.shard.storage.namespace;

import dev.shard.storage.SharedReference;
import dev.shard.storage.StorageException;
import dev.shard.storage.arrow.ArrowShare;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.arrow.SharedTableInput;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedArray;
import dev.shard.storage.share.SharedInput;
import dev.shard.storage.share.SharedMatrix;
import dev.shard.storage.share.SharedView;
import dev.shard.storage.share.SharedWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Named shared variables visible to every process of this user (memshare's namespaces).
 *
 * <p>The owner registers data under a name; any process retrieves a read-only view by
 * name. Reference counts are real: releasing a variable removes its name and unlinks its
 * data, views already open (here or elsewhere) keep reading until they close, and a new
 * retrieve fails. A name is taken while its owner lives; entries of a dead owner are
 * ignored at once and removed with its run directory by the segment sweep.
 *
 * <p>One instance per namespace name and process ({@link #named(String)}); thread-safe.
 */
public final class Namespace implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
    private static final Map<String, Namespace> NAMESPACES = new ConcurrentHashMap<>();

    private final String name;
    private final SegmentStore store;
    private final NamespaceRegistry registry;
    private final Map<String, Owned> owned = new LinkedHashMap<>();
    private final List<HeldView> views = new ArrayList<>();

    private record Owned(RegistryEntry entry, SharedView data) {
    }

    private Namespace(String name, SegmentStore store) {
        this.name = name;
        this.store = store;
        this.registry = new NamespaceRegistry(name, store);
    }

    /** The namespace {@code name} of this process. */
    public static Namespace named(String name) {
        checkName("namespace", name);
        return NAMESPACES.computeIfAbsent(name, key -> new Namespace(key, SegmentStore.shared()));
    }

    public String name() {
        return name;
    }

    /**
     * Shares {@code value} and registers it as {@code variable}. Accepts {@code double[]},
     * {@code int[]}, {@code long[]}, {@code boolean[]}, {@code byte[]}, {@code double[][]}
     * (a matrix, rows first), an Arrow {@link VectorSchemaRoot}, or data already shared —
     * a {@link SharedInput}, {@link SharedTableInput} or {@link SharedWriter} — whose
     * ownership passes to the namespace.
     */
    public synchronized Variable register(String variable, Object value) {
        checkName("variable", variable);
        if (owned.containsKey(variable)) {
            throw alreadyRegistered(variable, "this process");
        }
        registry.live(variable).ifPresent(entry -> {
            throw alreadyRegistered(variable, "process " + entry.variable().owner().pid());
        });
        SharedView data = share(variable, value);
        try {
            RegistryEntry entry = registry.write(variable, reference(data), Instant.now());
            RegistryEntry winner = registry.live(variable).orElse(entry);
            if (!winner.file().equals(entry.file())) {
                registry.delete(entry);
                throw alreadyRegistered(variable, "process " + winner.variable().owner().pid());
            }
            owned.put(variable, new Owned(entry, data));
            return entry.variable();
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Registers several variables in order (memshare's registerVariables); stops at the first failure. */
    public Map<String, Variable> registerAll(Map<String, ?> values) {
        Map<String, Variable> registered = new LinkedHashMap<>();
        values.forEach((variable, value) -> registered.put(variable, register(variable, value)));
        return registered;
    }

    /** A read-only view of {@code variable} from whichever process owns it. */
    public SharedView retrieve(String variable) {
        checkName("variable", variable);
        RegistryEntry entry = registry.live(variable).orElseThrow(() -> missing(variable));
        SharedView view = (SharedView) entry.variable().reference().open();
        synchronized (this) {
            views.add(new HeldView(name, variable, view));
        }
        return view;
    }

    public SharedArray retrieveArray(String variable) {
        return expect(variable, SharedArray.class, "an array or matrix");
    }

    public SharedMatrix retrieveMatrix(String variable) {
        return expect(variable, SharedMatrix.class, "a matrix");
    }

    public SharedArrowTable retrieveTable(String variable) {
        return expect(variable, SharedArrowTable.class, "an Arrow table");
    }

    /** Views of several variables (memshare's retrieveViews); on failure, those opened are released. */
    public Map<String, SharedView> retrieveAll(Collection<String> variables) {
        Map<String, SharedView> retrieved = new LinkedHashMap<>();
        try {
            for (String variable : variables) {
                retrieved.put(variable, retrieve(variable));
            }
            return retrieved;
        } catch (RuntimeException e) {
            retrieved.values().forEach(this::releaseView);
            throw e;
        }
    }

    /** Closes a view retrieved from this namespace. */
    public synchronized void releaseView(SharedView view) {
        views.removeIf(held -> held.view() == view);
        view.close();
    }

    /** Closes every view this process holds of {@code variables} (memshare's releaseViews); returns how many. */
    public synchronized int releaseViews(Collection<String> variables) {
        List<HeldView> released = views.stream().filter(held -> variables.contains(held.variable())).toList();
        released.forEach(held -> held.view().close());
        views.removeAll(released);
        return released.size();
    }

    /**
     * Unregisters {@code variable} and unlinks its data (memshare's releaseVariables).
     * Only the owner can; views already open stay readable until closed.
     */
    public synchronized void release(String variable) {
        Owned entry = owned.remove(variable);
        if (entry == null) {
            Optional<RegistryEntry> other = registry.live(variable);
            throw new StorageException(other.isPresent()
                    ? "variable '" + variable + "' in namespace '" + name + "' is owned by process "
                            + other.get().variable().owner().pid() + "; only its owner can release it"
                    : "no variable '" + variable + "' registered by this process in namespace '" + name
                            + "' (already released? registered here: " + owned.keySet() + ")");
        }
        try {
            registry.delete(entry.entry());
        } finally {
            entry.data().close();
        }
    }

    public void releaseAll(Collection<String> variables) {
        variables.forEach(this::release);
    }

    /** Variables this process registered here and has not released. */
    public synchronized List<Variable> owned() {
        return owned.values().stream().map(entry -> entry.entry().variable()).toList();
    }

    /** Views this process retrieved here and has not closed. */
    public synchronized List<HeldView> views() {
        views.removeIf(held -> held.view().isClosed());
        return List.copyOf(views);
    }

    /** Every live variable of this namespace, in every process, by name. */
    public List<Variable> list() {
        return registry.listLive();
    }

    /** Closes this process's views and releases its variables in this namespace. */
    @Override
    public synchronized void close() {
        releaseViews(views.stream().map(HeldView::variable).toList());
        releaseAll(List.copyOf(owned.keySet()));
    }

    private <V> V expect(String variable, Class<V> type, String what) {
        SharedView view = retrieve(variable);
        if (type.isInstance(view)) {
            return type.cast(view);
        }
        releaseView(view);
        throw new StorageException("variable '" + variable + "' in namespace '" + name + "' is not " + what
                + " but " + view.sharedInfo().type() + view.sharedInfo().shape().length + "-d data"
                + " (retrieve it with retrieve() and check its type)");
    }

    private SharedView share(String variable, Object value) {
        return switch (value) {
            case double[] values -> Shared.share(values, Backing.AUTO);
            case int[] values -> Shared.share(values, Backing.AUTO);
            case long[] values -> Shared.share(values, Backing.AUTO);
            case boolean[] values -> Shared.share(values, Backing.AUTO);
            case byte[] values -> Shared.share(values, Backing.AUTO);
            case double[][] rows -> Shared.shareMatrix(rows);
            case VectorSchemaRoot table -> ArrowShare.share(table, Backing.AUTO);
            case SharedInput input -> input;
            case SharedTableInput input -> input;
            case SharedWriter writer -> writer.publish();
            case null -> throw new StorageException("cannot register null as '" + variable + "'");
            default -> throw new StorageException("cannot register a " + value.getClass().getSimpleName() + " as '"
                    + variable + "': use double[], int[], long[], boolean[], byte[], double[][], an Arrow"
                    + " VectorSchemaRoot, or a SharedInput / SharedTableInput / SharedWriter");
        };
    }

    private static SharedReference<?> reference(SharedView data) {
        return switch (data) {
            case SharedInput input -> input.handle();
            case SharedTableInput input -> input.handle();
            default -> throw new IllegalStateException("not an owner: " + data);
        };
    }

    private StorageException alreadyRegistered(String variable, String owner) {
        return new StorageException("variable '" + variable + "' is already registered in namespace '" + name
                + "' by " + owner + " (release it first, or pick another name)");
    }

    private StorageException missing(String variable) {
        Optional<RegistryEntry> dead = registry.dead(variable);
        if (dead.isPresent()) {
            return new StorageException("variable '" + variable + "' in namespace '" + name + "' belonged to process "
                    + dead.get().variable().owner().pid() + ", which is gone (its data is swept; register it again)");
        }
        return new StorageException("no variable '" + variable + "' in namespace '" + name
                + "': it was released by its owner or never registered (live variables: "
                + registry.listLive().stream().map(Variable::name).toList() + ")");
    }

    static void checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new StorageException("invalid " + what + " name '" + name + "': use 1-100 letters, digits, '.',"
                    + " '_' or '-', not starting with '.' or '-'");
        }
    }

    @Override
    public String toString() {
        return "Namespace[" + name + ", owned " + owned.keySet() + ", " + views.size() + " views]";
    }
}
