package dev.edgenas.gap8.device;

import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import dev.edgenas.gap8.codegen.BatchSpec;
import dev.edgenas.gap8.protocol.BatchSession;
import dev.edgenas.gap8.protocol.Frame;
import dev.edgenas.gap8.protocol.FrameError;
import dev.edgenas.gap8.protocol.FrameReader;
import dev.edgenas.gap8.protocol.Hello;
import dev.edgenas.gap8.protocol.FrameMeasurement;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One run of one built batch: open the link, start the firmware, read frames until END, a
 * timeout, a lost port or a fatal mismatch, then classify. Everything received is kept in the
 * attempt folder (uart.raw: the bytes; frames.log: decoded frames and rejects; process logs).
 */
public final class BatchAttempt {

    /** How the attempt ended; failure is null when the device reported END and nothing was lost. */
    public record Outcome(Gap8Failure failure, String detail, BatchSession session) {
        public boolean ok() {
            return failure == null;
        }
    }

    private final BatchSpec spec;
    private final Gap8Options o;
    private final Path dir;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final StringBuilder frameLog = new StringBuilder();
    private long procEndedAt;
    private long lastDataAt;
    private RunningProcess process;

    public BatchAttempt(BatchSpec spec, Gap8Options o, Path dir) {
        this.spec = spec;
        this.o = o;
        this.dir = dir;
    }

    /**
     * @param project  the generated project (SDK platforms run make there)
     * @param binary   host-sim: the firmware executable
     * @param sink     each accepted kernel, with the HELLO of the run that measured it
     * @param commands receives each command line started
     */
    public Outcome run(Path project, Path binary, BiConsumer<FrameMeasurement, Hello> sink, Consumer<String> commands) {
        BatchSession[] holder = new BatchSession[1];
        BatchSession session = new BatchSession(new BatchSession.Expectation(spec.batchId(), spec.kernels().size(),
                spec.reps(), spec.warmup(), spec.firmwareHash()), m -> sink.accept(m, holder[0].hello()));
        holder[0] = session;
        FrameReader reader = new FrameReader(logging(session));
        SocatPair pair = null;
        FrameLink link = null;
        RunningProcess proc = null;
        try {
            Map<String, String> env = new HashMap<>();
            List<String> argv;
            if (o.platform() == Gap8Platform.HOST_SIM) {
                String port = o.port();
                Path tty = o.simTty();
                if (tty == null) {
                    pair = SocatPair.open(dir, "uart");
                    commands.accept(Commands.shellLine(Map.of(), SocatPair.command(pair.device(), pair.host())));
                    tty = pair.device();
                    port = pair.host().toString();
                }
                env.put("EN_UART_TTY", tty.toString());
                argv = List.of(binary.toString());
                link = SerialLink.open(port, o.baud());
            } else if (o.platform() == Gap8Platform.BOARD) {
                argv = Gap8Commands.sdkRun(project, o);
                link = SerialLink.open(o.port(), o.baud()); // open before the load: HELLO comes right away
            } else {
                argv = Gap8Commands.sdkRun(project, o);
                link = new ProcessOutputLink();
            }
            commands.accept(Commands.shellLine(env, argv));
            ProcessOutputLink console = link instanceof ProcessOutputLink p ? p : null;
            proc = RunningProcess.start(argv, project, env, dir.resolve("run.log"), console == null ? null : console::accept);
            if (console != null) {
                console.attach(proc);
            }
            process = proc;
            return loop(link, proc, reader, session);
        } catch (EdgenasException e) {
            return new Outcome(Gap8Failure.PORT_MISSING, e.getMessage(), session);
        } catch (LinkLostException e) {
            return new Outcome(Gap8Failure.PORT_LOST, e.getMessage(), session);
        } finally {
            if (link != null) {
                link.close();
            }
            if (proc != null) {
                proc.close();
            }
            if (pair != null) {
                pair.close();
            }
            AtomicFiles.write(dir.resolve("uart.raw"), raw.toByteArray());
            frameLog.append("# ").append(session.stats()).append('\n');
            AtomicFiles.writeString(dir.resolve("frames.log"), frameLog.toString());
        }
    }

    /** Every byte read from the line in this attempt so far (after {@link #run}: all of them). */
    public byte[] uart() {
        return raw.toByteArray();
    }

    private Outcome loop(FrameLink link, RunningProcess proc, FrameReader reader, BatchSession session)
            throws LinkLostException {
        byte[] buf = new byte[4096];
        long[] kernelMs = spec.kernels().stream().mapToLong(k -> Gap8Timeouts.kernelMs(k, o)).toArray();
        long maxKernelMs = java.util.Arrays.stream(kernelMs).max().orElse(10_000);
        long bootMs = Gap8Timeouts.bootMs(o);
        long deadline = System.currentTimeMillis() + bootMs;
        long seenFrames = 0;
        long exitedAt = 0;
        procEndedAt = 0;
        long lastData = System.currentTimeMillis();
        boolean processEnds = o.platform() != Gap8Platform.BOARD; // `make run` on a board may return at load
        while (true) {
            int n = link.read(buf);
            long now = System.currentTimeMillis();
            if (n > 0) {
                lastData = now;
                raw.write(buf, 0, n);
                reader.feed(buf, 0, n);
            }
            if (session.violation() != null) {
                return new Outcome(Gap8Failure.PROTOCOL, session.violation(), session);
            }
            if (session.ended()) {
                return finished(session);
            }
            if (session.stats().frames() != seenFrames) {
                seenFrames = session.stats().frames();
                int open = session.openKernel();
                deadline = now + (session.hello() == null ? bootMs : open >= 0 ? kernelMs[open] : maxKernelMs);
            }
            boolean gone = proc != null && !proc.alive();
            if (gone && procEndedAt == 0) {
                procEndedAt = now;
            }
            // A firmware that exits cleanly has written all it had; what is still on its way is the
            // line's business (a USB-UART or a relay may hold bytes for seconds), so the attempt
            // ends at the protocol's timeouts, not at the process exit. A crash ends it once drained.
            boolean crashed = gone && proc.exitCode() != 0;
            boolean exited = n < 0 || crashed;
            if (exited && (processEnds || session.hello() == null && crashed)) {
                if (exitedAt == 0) {
                    exitedAt = now;
                } else if (now - exitedAt > 500 && now - lastData > 500) { // output drained
                    return exitedEarly(proc, session);
                }
            }
            if (now > deadline) {
                lastDataAt = lastData;
                return timedOut(session, raw.size());
            }
        }
    }

    private Outcome finished(BatchSession s) {
        int missing = spec.kernels().size() - s.accepted().size() - s.kernelErrors().size();
        if (missing <= 0) {
            return new Outcome(null, "complete", s);
        }
        return new Outcome(Gap8Failure.LINE, missing + " kernel(s) lost on the line (" + s.stats().lineErrors()
                + " rejected frames, " + s.stats().dropped() + " dropped); " + s.stats(), s);
    }

    private Outcome exitedEarly(RunningProcess proc, BatchSession s) {
        int code = proc.alive() ? 0 : proc.exitCode();
        String tail = proc.tail(8);
        if (s.hello() == null && code == 0 && raw.size() > 0) {
            return new Outcome(Gap8Failure.LINE, "the firmware ran to its end but no valid HELLO arrived; "
                    + s.stats(), s);
        }
        if (code == 0 && s.hello() != null) {
            return new Outcome(Gap8Failure.LINE, "the firmware ran to its end but END did not arrive intact; "
                    + s.stats(), s);
        }
        if (s.hello() == null) {
            return new Outcome(Gap8Failure.NO_BOOT, "the firmware exited with code " + code
                    + " without sending HELLO; last output: " + tail, s);
        }
        return new Outcome(Gap8Failure.CRASH, "the firmware exited with code " + code + " before END"
                + (s.openKernel() >= 0 ? ", during kernel " + s.openKernel() + " (" + spec.kernels().get(s.openKernel()).key() + ")" : "")
                + "; last output: " + tail, s);
    }

    /** What the host saw on the line and of the process, for a timeout's diagnosis. */
    private String seen(BatchSession s, long bytes) {
        long now = System.currentTimeMillis();
        String line = bytes == 0 ? "nothing arrived on the line" : bytes + " bytes and " + s.stats().frames()
                + " valid frames arrived, the last bytes " + (now - lastDataAt) / 1000.0 + " s ago";
        String fw = process == null ? "" : procEndedAt == 0 ? "; the firmware is still running"
                : "; the firmware exited with code " + process.exitCode() + " " + (now - procEndedAt) / 1000.0
                + " s ago" + (process.exitCode() == 0 ? " (its output was held or lost on the line)" : "");
        return line + fw;
    }

    private Outcome timedOut(BatchSession s, long bytes) {
        String seen = seen(s, bytes);
        if (s.hello() == null) {
            if (bytes > 0 && s.stats().lineErrors() + s.stats().errors(FrameError.VERSION) > 0) {
                return new Outcome(Gap8Failure.LINE, "bytes arrive but no valid HELLO: " + bytes + " bytes, "
                        + s.stats() + "; check the baud rate (" + o.baud() + ") and the cable", s);
            }
            if (procEndedAt > 0 && process.exitCode() == 0) {
                return new Outcome(Gap8Failure.LINE, "no HELLO within " + Gap8Timeouts.bootMs(o) / 1000.0 + " s though "
                        + "the firmware ran: " + seen, s);
            }
            return new Outcome(Gap8Failure.NO_BOOT, "no HELLO within " + Gap8Timeouts.bootMs(o) / 1000.0 + " s ("
                    + seen + "): the firmware did not boot or its UART is not on this port; check "
                    + "the board config script, the UART device and the baud rate", s);
        }
        int k = s.openKernel();
        String where = k >= 0 ? "kernel " + k + " (" + spec.kernels().get(k).key() + ") started and did not finish"
                : "no frame after kernel progress stopped";
        if (procEndedAt > 0 && process.exitCode() == 0) {
            return new Outcome(Gap8Failure.LINE, "HELLO without END though the firmware ran to its end: " + seen + "; "
                    + s.stats(), s);
        }
        return new Outcome(Gap8Failure.HANG, "HELLO without END: " + where + " within its timeout (" + seen + "); "
                + s.stats(), s);
    }

    private FrameReader.Listener logging(BatchSession session) {
        return new FrameReader.Listener() {
            @Override
            public void onFrame(Frame frame) {
                frameLog.append(frame.raw()).append('\n');
                session.onFrame(frame);
            }

            @Override
            public void onError(FrameError error, String detail) {
                frameLog.append("! ").append(error).append(' ').append(detail.replaceAll("[^\\x20-\\x7e]", "?")).append('\n');
                session.onError(error, detail);
            }
        };
    }
}
