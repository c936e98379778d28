package org.rapaio.jupyter.kernel.channels;

/*
 * Replacement for rapaio-jupyter-kernel 3.0.1's LoopThread, put in front of the kernel jar on the class path by
 * environment/install.
 *
 * Why: in 3.0.1, start() calls Thread.start() first and only then sets running = true. When the new thread is
 * scheduled before its parent sets the flag (common on a loaded 2-core machine), run() sees running == false and
 * returns at once: that channel (control, iopub, stdin, shell or heartbeat) is dead, and the kernel never answers
 * kernel_info_request ("Kernel didn't respond in 60 seconds"). Observed here in about one start out of three.
 * The fix sets the flag before the thread starts. Public surface (constructor, run, start, shutdown) is unchanged.
 */
public final class LoopThread extends Thread {
    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            loopBody.run();
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
