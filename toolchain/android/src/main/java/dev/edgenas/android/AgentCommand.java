package dev.edgenas.android;

import dev.edgenas.agent.android.AgentMain;

/**
 * The shell line that starts the agent on the phone:
 * CLASSPATH=... [LD_LIBRARY_PATH=lib] taskset MASK app_process [-Djava.library.path=lib] / MAIN args.
 * The agent loads libonnxruntime.so and the JNI library from --ort-lib-dir by absolute path before
 * ORT starts; ORT's own System.loadLibrary then finds them loaded. LD_LIBRARY_PATH and
 * java.library.path stay as a second way for the dynamic linker and ORT to find them.
 */
final class AgentCommand {
    private AgentCommand() {
    }

    static String build(String root, boolean withOrt, long mask, String list, String out, RunSettings s) {
        StringBuilder sb = new StringBuilder();
        sb.append("CLASSPATH=").append(root).append("/agent.jar");
        if (withOrt) {
            sb.append(':').append(root).append("/ort/ort-dex.jar");
            sb.append(" LD_LIBRARY_PATH=").append(root).append("/lib");
        }
        sb.append(" taskset ").append(Long.toHexString(mask)).append(" app_process");
        if (withOrt) {
            sb.append(" -Djava.library.path=").append(root).append("/lib");
        }
        sb.append(" / ").append(AgentMain.class.getName())
                .append(" --models ").append(root)
                .append(" --list ").append(list)
                .append(" --out ").append(out)
                .append(" --warmup ").append(s.warmup())
                .append(" --min-reps ").append(s.minReps())
                .append(" --max-reps ").append(s.maxReps())
                .append(" --max-seconds ").append(s.maxSeconds())
                .append(" --threads ").append(s.threads())
                .append(" --ep ").append(s.ep());
        if (withOrt) {
            sb.append(" --ort-lib-dir ").append(root).append("/lib");
        }
        if (s.expectedOrt() != null) {
            sb.append(" --expect-ort ").append(s.expectedOrt());
        }
        return sb.toString();
    }
}
