package io.robustrec.model.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Lets SameDiff run {@link JavaKernelOp}s: ND4J 1.0.0-M2.1 executes every custom op through the backend's op
 * executioner, which only knows native ops, so this wraps that executioner in one that hands a {@link JavaKernelOp}
 * to its Java code and passes every other call through unchanged.
 *
 * <p>Installed on the CPU backend only: the Java kernels read and write array memory from the host, which on a GPU
 * backend would need explicit synchronisation. Elsewhere the ops fall back to the native op they extend.
 */
public final class JavaKernels {

    private static volatile boolean installed;

    private JavaKernels() {
    }

    /** Whether Java kernels run (the CPU backend, after {@link #install()}). */
    public static boolean active() {
        return installed;
    }

    /** Wraps ND4J's op executioner once per JVM (idempotent; a no-op on non-CPU backends). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        OpExecutioner native_ = Nd4j.getExecutioner();
        if (!native_.getClass().getName().contains(".cpu.")) {
            return;
        }
        OpExecutioner wrapped = (OpExecutioner) Proxy.newProxyInstance(JavaKernels.class.getClassLoader(),
                new Class<?>[]{OpExecutioner.class}, (proxy, method, args) -> {
                    JavaKernelOp op = method.getName().equals("exec") && args != null && args.length >= 1
                            && args[0] instanceof CustomOp c ? kernelFor(c) : null;
                    if (op != null) {
                        if (args.length == 2 && args[1] instanceof OpContext ctx) {
                            return op.compute(ctx.getInputArrays(), ctx.getOutputArrays());
                        }
                        if (args.length == 1) {
                            CustomOp c = (CustomOp) args[0];
                            INDArray[] out = op.compute(c.inputArguments(), c.outputArguments());
                            if (c.outputArguments().isEmpty()) {
                                for (INDArray o : out) {
                                    c.addOutputArgument(o);
                                }
                            }
                            return out;
                        }
                    }
                    try {
                        return method.invoke(native_, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try {
            Field f = Nd4j.class.getDeclaredField("OP_EXECUTIONER_INSTANCE");
            f.setAccessible(true);
            f.set(null, wrapped);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot wrap ND4J's op executioner for Java kernels: " + e, e);
        }
        installed = true;
    }

    /**
     * The Java computation of {@code op}: the op itself when it is a {@link JavaKernelOp}; for some native ops that
     * ND4J creates itself (inside its own gradient definitions, so this library cannot substitute the class) a Java
     * equivalent; otherwise null (the native op runs).
     */
    static JavaKernelOp kernelFor(CustomOp op) {
        if (op instanceof JavaKernelOp kernel) {
            return kernel.computedInJava() ? kernel : null;
        }
        if (op instanceof ThresholdReluBp relu) {
            return (inputs, outputs) -> ReluGradient.compute(relu.getCutoff(), inputs, outputs);
        }
        return null;
    }

    /** Writes row-major {@code values} into {@code target} (any order or view) and returns it. */
    static INDArray write(INDArray target, float[] values) {
        if (contiguousFloat(target) && target.length() == values.length) {
            target.data().asNioFloat().put(values); // straight into the array's memory
        } else {
            target.assign(Nd4j.create(values, target.shape(), 'c').castTo(target.dataType()));
        }
        return target;
    }

    /** Row-major copy of {@code a}'s values as floats. */
    static float[] read(INDArray a) {
        if (contiguousFloat(a)) {
            float[] values = new float[Math.toIntExact(a.length())];
            a.data().asNioFloat().get(values);
            return values;
        }
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
    }

    /** {@code a} itself when it is a row-major float array in its own buffer, else such a copy. */
    static INDArray rowMajorFloat(INDArray a) {
        return contiguousFloat(a) ? a : a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
    }

    /** Whether {@code a} is a float array laid out row-major in its own buffer, start to end. */
    static boolean contiguousFloat(INDArray a) {
        return a.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT && a.ordering() == 'c' && !a.isView()
                && a.data().originalDataBuffer() == null && a.data().length() == a.length();
    }

    /** The output at {@code index}, or a new float array of {@code shape} when none was supplied. */
    static INDArray outputOrNew(List<INDArray> outputs, int index, long... shape) {
        return outputs.size() > index && outputs.get(index) != null ? outputs.get(index)
                : Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
    }
}
