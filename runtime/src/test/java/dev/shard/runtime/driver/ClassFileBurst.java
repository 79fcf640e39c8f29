package dev.shard.runtime.driver;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;

/**
 * A JVM's run-time class generation in a burst, as a worker's first Arrow query makes it:
 * classes written with the JDK's class-file API and defined, each with a method whose stack
 * maps the generator computes. Run in a JVM of its own by {@link WorkerCompileCommandTest}.
 */
public final class ClassFileBurst {
    private ClassFileBurst() {
    }

    public static void main(String[] args) throws Exception {
        int classes = Integer.parseInt(args[0]);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        long defined = 0;
        for (int c = 0; c < classes; c++) {
            ClassDesc name = ClassDesc.of(ClassFileBurst.class.getPackageName() + ".Burst" + c);
            byte[] bytes = ClassFile.of().build(name, type -> type.withMethodBody("pick",
                    MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int), ClassFile.ACC_PUBLIC
                            | ClassFile.ACC_STATIC, code -> code.iload(0).ifThenElse(
                                    then -> then.iconst_1().ireturn(), otherwise -> otherwise.iconst_0().ireturn())
                            .iconst_0().ireturn()));
            defined += lookup.defineHiddenClass(bytes, false).lookupClass().getName().length();
        }
        System.out.println("defined " + classes + " classes (" + defined + ")");
    }
}
