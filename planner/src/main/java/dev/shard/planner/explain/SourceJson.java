package dev.shard.planner.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.logical.WriteTarget;
import java.nio.file.Path;

/** Sources and targets in the plan's JSON form: {@code {"kind": "arrow_file", "path": "..."}}. */
final class SourceJson {
    private SourceJson() {
    }

    static ObjectNode write(TableSource source) {
        ObjectNode node = Json.object();
        switch (source) {
            case TableSource.ArrowFile file -> node.put("kind", "arrow_file").put("path", file.path().toString());
            case TableSource.CsvFile file -> node.put("kind", "csv_file").put("path", file.path().toString());
            case TableSource.SharedTable table -> node.put("kind", "shared_table").put("name", table.name())
                    .put("handle", table.encodedHandle());
            case TableSource.SharedMatrix matrix -> {
                node.put("kind", "shared_matrix").put("name", matrix.name()).put("handle", matrix.encodedHandle());
                matrix.columnNames().forEach(node.putArray("columns")::add);
            }
            case TableSource.NamedResult result -> node.put("kind", "named_result").put("name", result.name());
        }
        return node;
    }

    static ObjectNode write(WriteTarget target) {
        ObjectNode node = Json.object();
        switch (target) {
            case WriteTarget.ArrowFile file -> node.put("kind", "arrow_file").put("path", file.path().toString());
            case WriteTarget.CsvFile file -> node.put("kind", "csv_file").put("path", file.path().toString());
            case WriteTarget.OutputBuffer buffer -> node.put("kind", "output_buffer").put("name", buffer.name())
                    .put("path", buffer.path());
        }
        return node;
    }

    static TableSource readSource(JsonNode node) {
        String kind = LogicalPlanJson.text(node, "kind");
        return switch (kind) {
            case "arrow_file" -> new TableSource.ArrowFile(Path.of(LogicalPlanJson.text(node, "path")));
            case "csv_file" -> new TableSource.CsvFile(Path.of(LogicalPlanJson.text(node, "path")));
            case "shared_table" -> new TableSource.SharedTable(LogicalPlanJson.text(node, "name"),
                    LogicalPlanJson.text(node, "handle"));
            case "shared_matrix" -> new TableSource.SharedMatrix(LogicalPlanJson.text(node, "name"),
                    LogicalPlanJson.text(node, "handle"), columns(node));
            case "named_result" -> new TableSource.NamedResult(LogicalPlanJson.text(node, "name"));
            default -> throw new IllegalArgumentException("plan JSON: unknown source kind '" + kind + "'");
        };
    }

    private static java.util.List<String> columns(JsonNode node) {
        JsonNode columns = node.get("columns");
        if (columns == null || !columns.isArray()) {
            throw new IllegalArgumentException("plan JSON: a shared_matrix source needs a \"columns\" array");
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        columns.forEach(column -> names.add(column.asText()));
        return names;
    }

    static WriteTarget readTarget(JsonNode node) {
        String kind = LogicalPlanJson.text(node, "kind");
        return switch (kind) {
            case "arrow_file" -> new WriteTarget.ArrowFile(Path.of(LogicalPlanJson.text(node, "path")));
            case "csv_file" -> new WriteTarget.CsvFile(Path.of(LogicalPlanJson.text(node, "path")));
            case "output_buffer" -> new WriteTarget.OutputBuffer(LogicalPlanJson.text(node, "name"),
                    LogicalPlanJson.text(node, "path"));
            default -> throw new IllegalArgumentException("plan JSON: unknown target kind '" + kind + "'");
        };
    }
}
