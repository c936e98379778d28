package io.robustrec.model.nd4j;

import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNorm;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LayerNormBp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.GRU;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.GRUBp;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Repairs to ND4J 1.0.0-M2.1 that every graph of this library relies on. Idempotent; call before building graphs
 * (the model classes do).
 *
 * <p>Registers {@link EmbeddingGather} as the class behind the native {@code gather} op and
 * {@link MaskedSoftmax} (an {@link ElementwiseSoftmax}) behind {@code softmax}, so that gradient graphs (which
 * SameDiff builds by cloning every op through this registry) use their backward passes: a correct scatter-add for
 * the lookup, a faster one for softmax (and a masked softmax stays masked). Likewise {@link JavaGru} and {@link JavaGruBackward} stand behind {@code gru} and {@code gru_bp}: the
 * native GRU backward is wrong, and both native GRU ops are slow; {@link JavaKernels} runs them in Java. The same
 * holds for {@link JavaLayerNorm} and its backward behind {@code layer_norm} and {@code layer_norm_bp}.
 */
public final class Nd4jRepairs {

    private static volatile boolean installed;

    private Nd4jRepairs() {
    }

    /** Installs the repairs once per JVM. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        replace("gather", Gather.class, EmbeddingGather.class);
        replace("softmax", SoftMax.class, MaskedSoftmax.class);
        replace("gru", GRU.class, JavaGru.class);
        replace("gru_bp", GRUBp.class, JavaGruBackward.class);
        replace("layer_norm", LayerNorm.class, JavaLayerNorm.class);
        replace("layer_norm_bp", LayerNormBp.class, JavaLayerNormBackward.class);
        JavaKernels.install();
        installed = true;
    }

    /** Makes {@code replacement} the class SameDiff instantiates for the native op {@code opName}. */
    private static void replace(String opName, Class<?> original, Class<?> replacement) {
        CustomOpDescriptor op = Nd4j.getExecutioner().getCustomOperations().get(opName);
        if (op == null) {
            throw new IllegalStateException("the ND4J backend has no '" + opName + "' op; cannot install its repair");
        }
        long hash = op.getHash();
        DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
        try {
            Map<Long, Class<?>> single = field(holder, "customOpHashToClass");
            Map<Long, Map<String, Class<?>>> multi = field(holder, "customOpHashToClasses");
            Map<String, Class<?>> byName = multi.get(hash);
            if (byName != null) {
                byName.put(opName, replacement);
            }
            Class<?> current = single.get(hash);
            if (current == null || current == original || current == replacement) {
                single.put(hash, replacement);
            } else if (byName == null) {
                throw new IllegalStateException("unexpected class " + current + " registered for op '" + opName + "'");
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot patch ND4J's op registry for '" + opName + "': " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(owner);
    }
}
