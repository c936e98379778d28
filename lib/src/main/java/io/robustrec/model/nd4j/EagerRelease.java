package io.robustrec.model.nd4j;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Frees each intermediate array of a SameDiff run as soon as the last op that reads it has executed, instead of at
 * the end of the run.
 *
 * <p>Why: in ND4J 1.0.0-M2.1 a run keeps every intermediate until it ends (its own array-use tracker hands back
 * only a few percent of them), so one SASRec training step at B = 128, L = 200 holds about 2 GB at its end, and
 * every array is carved from pages the process has not touched during that step. Freeing an array after its last
 * reader lets the allocator hand the same memory to the next op: the peak drops, and fewer fresh pages are faulted
 * in. {@link SessionMemory} still frees whatever is left when the caller is done with the run's results.
 *
 * <p>How: before the first run the listener counts, per graph (the model's graph and its gradient function), how
 * many ops read each variable. During an armed run it registers every op output under the native buffer it lives
 * in (a reshape or an identity may share its input's buffer, a slice may be a view of it) and, when an input's last
 * reader has executed, drops that variable from its buffer; a buffer whose variables are all dropped goes back to
 * the {@link RecyclingMemory} pool, which hands it to a later op output of the same size.
 * A buffer is never closed when it holds a variable, constant or fed placeholder, or an output the caller asked
 * for (including the requested gradients). An op that is in the graph but does not run in this call keeps its
 * inputs alive until the run ends — safe, only less thrifty.
 *
 * <p>The listener acts only between {@link #arm} and {@link #disarm} (the model's own gradient and output methods
 * arm it), so code that runs the graph directly is unaffected. While armed, the session's memory manager is that
 * {@link RecyclingMemory}: ND4J's default manager would keep released arrays in a cache of its own and hand one out
 * again while this listener still counts it as live.
 */
public final class EagerRelease extends BaseListener {

    /** Native buffer of one or more op outputs. */
    private static final class Buffer {
        INDArray owner;       // an array whose close() frees the buffer; null when every alias is a view
        int liveVariables;    // variables in this buffer that some op still has to read
        boolean pinned;       // requested output, or shares memory with a variable, constant or placeholder
    }

    /** Per graph: its op count when counted, and how many ops read each variable. */
    private record ReaderCount(int ops, Map<String, Integer> count) {
    }

    private final Map<SameDiff, ReaderCount> readers = new IdentityHashMap<>();
    private final Map<SameDiff, Map<String, Integer>> remaining = new IdentityHashMap<>();
    private final Map<SameDiff, Map<String, Long>> bufferOf = new IdentityHashMap<>();
    private final Map<Long, Buffer> buffers = new HashMap<>();
    private final Set<Long> protectedBuffers = new HashSet<>();
    private final RecyclingMemory memory;
    private Set<String> keep;
    private long freedBytes;

    /** Frees into a {@link RecyclingMemory} of the default capacity. */
    public EagerRelease() {
        this(new RecyclingMemory());
    }

    /** Frees into {@code memory}, which also serves the op outputs of armed runs. */
    public EagerRelease(RecyclingMemory memory) {
        this.memory = memory;
    }

    /** The pool that freed buffers go to and armed runs allocate from. */
    public RecyclingMemory memory() {
        return memory;
    }

    /**
     * Starts freeing intermediates for one run.
     *
     * @param graphs the graphs the run may execute (the model's graph and its gradient function)
     * @param feed   the placeholder values of the run (never freed)
     * @param keep   names of the outputs and gradient variables the caller will read (never freed)
     */
    public void arm(List<SameDiff> graphs, Map<String, INDArray> feed, Collection<String> keep) {
        disarm();
        this.keep = new HashSet<>(keep);
        for (SameDiff g : graphs) {
            for (SDVariable v : g.variables()) {
                VariableType t = v.getVariableType();
                if (t == VariableType.VARIABLE || t == VariableType.CONSTANT) {
                    INDArray a = v.getArr();
                    if (a != null && !a.isEmpty()) {
                        protectedBuffers.add(bufferKey(a));
                    }
                }
            }
        }
        for (INDArray a : feed.values()) {
            if (a != null && !a.isEmpty()) {
                protectedBuffers.add(bufferKey(a));
            }
        }
    }

    /** Stops freeing; what the run still holds is left to {@link SessionMemory}. */
    public void disarm() {
        keep = null;
        remaining.clear();
        bufferOf.clear();
        buffers.clear();
        protectedBuffers.clear();
    }

    /** Bytes freed early since this listener was created (for tests and measurements). */
    public long freedBytes() {
        return freedBytes;
    }

    @Override
    public boolean isActive(Operation operation) {
        return keep != null;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        if (keep == null) {
            return;
        }
        for (InferenceSession session : sd.getSessions().values()) {
            if (session.getMmgr() != memory) {
                session.setMmgr(memory);
            }
        }
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                            INDArray[] outputs) {
        if (keep == null) {
            return;
        }
        Map<String, Integer> left = remaining.computeIfAbsent(sd, g -> new HashMap<>(readersOf(g)));
        Map<String, Long> where = bufferOf.computeIfAbsent(sd, g -> new HashMap<>());
        List<String> names = op.getOutputsOfOp();
        for (int i = 0; i < outputs.length && names != null && i < names.size(); i++) {
            INDArray a = outputs[i];
            if (a == null || a.isEmpty() || a.wasClosed()) {
                continue;
            }
            long key = bufferKey(a);
            Buffer b = buffers.computeIfAbsent(key, k -> new Buffer());
            if (b.owner == null && a.closeable() && a.data().closeable() && a.data().originalDataBuffer() == null) {
                b.owner = a;
            }
            b.pinned |= keep.contains(names.get(i)) || protectedBuffers.contains(key);
            if (left.getOrDefault(names.get(i), 0) > 0 && where.put(names.get(i), key) == null) {
                b.liveVariables++;
            } else {
                b.pinned = true; // no reader will release it (a final output, or read only by ops that do not run)
            }
        }
        List<String> inputs = op.getInputsToOp();
        if (inputs == null) {
            return;
        }
        for (String in : inputs) {
            Integer n = left.get(in);
            if (n == null || n == 0) {
                continue;
            }
            left.put(in, n - 1);
            if (n == 1) {
                Long key = where.remove(in);
                Buffer b = key == null ? null : buffers.get(key);
                if (b != null && --b.liveVariables == 0 && !b.pinned && b.owner != null && !b.owner.wasClosed()) {
                    freedBytes += b.owner.data().length() * b.owner.data().getElementSize();
                    memory.recycle(b.owner);
                    buffers.remove(key);
                }
            }
        }
    }

    private Map<String, Integer> readersOf(SameDiff g) {
        ReaderCount known = readers.get(g);
        if (known != null && known.ops() == g.getOps().size()) {
            return known.count();
        }
        // counted again whenever ops were added since (a trainer may extend the model's graph)
        Map<String, Integer> count = new HashMap<>();
        for (SameDiffOp op : g.getOps().values()) {
            List<String> in = op.getInputsToOp();
            if (in != null) {
                for (String name : in) {
                    count.merge(name, 1, Integer::sum);
                }
            }
        }
        readers.put(g, new ReaderCount(g.getOps().size(), count));
        return count;
    }

    /** Address of the native buffer an array lives in (a view maps to the buffer it views). */
    private static long bufferKey(INDArray a) {
        DataBuffer d = a.data();
        DataBuffer original = d.originalDataBuffer();
        return (original != null ? original : d).address();
    }
}
