package dev.edgenas.android.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The programs the simulated phone knows; each answers as its Android (toybox) namesake does. */
final class SimCommands {
    private final AdbdSimulator device;
    private final AppProcessLauncher appProcess;

    SimCommands(AdbdSimulator device, SimShell shell) {
        this.device = device;
        this.appProcess = new AppProcessLauncher(device);
    }

    void cancel() {
        appProcess.cancel();
    }

    int exec(List<String> argv, Map<String, String> env, OutputStream out, OutputStream err)
            throws IOException, Sandbox.SandboxEscapeException {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String name = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        return switch (name) {
            case "true" -> 0;
            case "false" -> 1;
            case "echo" -> echo(args, o);
            case "cat" -> cat(args, out, e);
            case "ls" -> ls(args, o, e);
            case "mkdir" -> mkdir(args, e);
            case "rm" -> rm(args, e);
            case "chmod", "sync" -> 0; // permissions are not modelled
            case "getprop" -> getprop(args, o);
            case "dumpsys" -> dumpsys(args, o, e);
            case "sleep" -> sleep(args);
            case "taskset" -> taskset(args, env, out, err, e);
            case "app_process", "/system/bin/app_process", "app_process64", "/system/bin/app_process64" ->
                    appProcess.run(args, env, out, err);
            default -> {
                e.println("/system/bin/sh: " + name + ": inaccessible or not found");
                yield 127;
            }
        };
    }

    private int echo(List<String> args, PrintStream o) {
        boolean newline = !(args.size() > 0 && args.get(0).equals("-n"));
        o.print(String.join(" ", newline ? args : args.subList(1, args.size())) + (newline ? "\n" : ""));
        return 0;
    }

    private int cat(List<String> args, OutputStream out, PrintStream e) throws IOException {
        int rc = 0;
        for (String a : args) {
            try {
                Path p = device.sandbox().resolve(a);
                if (Files.isDirectory(p)) {
                    e.println("cat: " + a + ": Is a directory");
                    rc = 1;
                } else if (!Files.exists(p)) {
                    e.println("cat: " + a + ": No such file or directory");
                    rc = 1;
                } else {
                    out.write(Files.readAllBytes(p));
                }
            } catch (Sandbox.SandboxEscapeException ex) {
                e.println("cat: " + ex.getMessage());
                rc = 1;
            }
        }
        out.flush();
        return rc;
    }

    private int ls(List<String> args, PrintStream o, PrintStream e) throws IOException {
        List<String> paths = operands(args);
        int rc = 0;
        for (String a : paths.isEmpty() ? List.of("/") : paths) {
            try {
                Path p = device.sandbox().resolve(a);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.map(c -> c.getFileName().toString()).sorted().forEach(o::println);
                    }
                } else if (Files.exists(p)) {
                    o.println(a);
                } else {
                    e.println("ls: " + a + ": No such file or directory");
                    rc = 1;
                }
            } catch (Sandbox.SandboxEscapeException ex) {
                e.println("ls: " + ex.getMessage());
                rc = 1;
            }
        }
        return rc;
    }

    private int mkdir(List<String> args, PrintStream e) throws IOException {
        boolean parents = args.contains("-p");
        int rc = 0;
        for (String a : operands(args)) {
            try {
                Path p = device.sandbox().resolve(a);
                if (parents) {
                    Files.createDirectories(p);
                } else {
                    Files.createDirectory(p);
                }
            } catch (Sandbox.SandboxEscapeException | IOException ex) {
                e.println("mkdir: '" + a + "': " + ex.getMessage());
                rc = 1;
            }
        }
        return rc;
    }

    private int rm(List<String> args, PrintStream e) throws IOException {
        String flags = String.join("", args.stream().filter(a -> a.startsWith("-")).toList());
        boolean recursive = flags.contains("r") || flags.contains("R");
        boolean force = flags.contains("f");
        int rc = 0;
        for (String a : operands(args)) {
            try {
                Path p = device.sandbox().resolve(a);
                if (p.equals(device.sandbox().root())) {
                    e.println("rm: refusing to remove '/'");
                    rc = 1;
                } else if (!Files.exists(p)) {
                    if (!force) {
                        e.println("rm: " + a + ": No such file or directory");
                        rc = 1;
                    }
                } else if (Files.isDirectory(p) && !recursive) {
                    e.println("rm: " + a + ": Is a directory");
                    rc = 1;
                } else {
                    try (Stream<Path> walk = Files.walk(p)) {
                        for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(q);
                        }
                    }
                }
            } catch (Sandbox.SandboxEscapeException ex) {
                e.println("rm: " + ex.getMessage());
                rc = 1;
            }
        }
        return rc;
    }

    private int getprop(List<String> args, PrintStream o) {
        Map<String, String> props = device.properties();
        if (args.isEmpty()) {
            props.forEach((k, v) -> o.println("[" + k + "]: [" + v + "]"));
        } else {
            o.println(props.getOrDefault(args.get(0), args.size() > 1 ? args.get(1) : ""));
        }
        return 0;
    }

    private int dumpsys(List<String> args, PrintStream o, PrintStream e) {
        if (args.size() == 1 && args.get(0).equals("thermalservice")) {
            o.print(device.thermal().dumpsysForShell());
            return 0;
        }
        e.println("Can't find service: " + (args.isEmpty() ? "" : args.get(0)));
        return 1;
    }

    private int sleep(List<String> args) {
        try {
            Thread.sleep((long) (Double.parseDouble(args.isEmpty() ? "0" : args.get(0)) * 1000));
            return 0;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Checks the mask against the simulated CPUs and records it; the host process is not pinned. */
    private int taskset(List<String> args, Map<String, String> env, OutputStream out, OutputStream err, PrintStream e)
            throws IOException, Sandbox.SandboxEscapeException {
        if (args.size() < 2) {
            e.println("usage: taskset [-ap] [mask] [PID | cmd [args...]]");
            return 1;
        }
        long mask;
        try {
            mask = Long.parseUnsignedLong(args.get(0).replaceFirst("^0[xX]", ""), 16);
        } catch (NumberFormatException ex) {
            e.println("taskset: bad mask '" + args.get(0) + "'");
            return 1;
        }
        long valid = device.description().allCpusMask();
        if (mask == 0 || (mask & ~valid) != 0) {
            e.println("taskset: sched_setaffinity: Invalid argument");
            return 1;
        }
        device.recordAffinity(mask);
        return exec(args.subList(1, args.size()), env, out, err);
    }

    /** A shell command's operands: its arguments that are not flags. */
    private static List<String> operands(List<String> args) {
        return args.stream().filter(a -> !a.startsWith("-")).toList();
    }
}
