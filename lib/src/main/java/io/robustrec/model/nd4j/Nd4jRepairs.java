package io.robustrec.model.nd4j;

import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Repairs to ND4J 1.0.0-M2.1 that every graph of this library relies on. Idempotent; call before building graphs
 * (the model classes do).
 *
 * <p>Registers {@link EmbeddingGather} as the class behind the native {@code gather} op, so that gradient graphs
 * (which SameDiff builds by cloning every op through this registry) use the scatter-add backward.
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
        CustomOpDescriptor gather = Nd4j.getExecutioner().getCustomOperations().get("gather");
        if (gather == null) {
            throw new IllegalStateException("the ND4J backend has no 'gather' op; cannot install the embedding repair");
        }
        long hash = gather.getHash();
        DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
        try {
            Map<Long, Class<?>> single = field(holder, "customOpHashToClass");
            Map<Long, Map<String, Class<?>>> multi = field(holder, "customOpHashToClasses");
            Map<String, Class<?>> byName = multi.get(hash);
            if (byName != null) {
                byName.put("gather", EmbeddingGather.class);
            }
            Class<?> current = single.get(hash);
            if (current == null || current == Gather.class || current == EmbeddingGather.class) {
                single.put(hash, EmbeddingGather.class);
            } else if (byName == null) {
                throw new IllegalStateException("unexpected class " + current + " registered for op 'gather'");
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot patch ND4J's op registry for 'gather': " + e, e);
        }
        installed = true;
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(owner);
    }
}
