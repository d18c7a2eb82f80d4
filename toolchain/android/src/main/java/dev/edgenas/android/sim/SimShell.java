package dev.edgenas.android.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated phone's /system/bin/sh for the command subset edgenas issues: lists joined by
 * ; && ||, NAME=value prefixes, $? and $NAME, redirections > >> 2> 2>&1, "exit N". No pipes, no
 * background jobs: those fail loudly rather than behave differently from a phone.
 */
final class SimShell {
    private final AdbdSimulator device;
    private final Map<String, String> variables = new HashMap<>();
    private final SimCommands commands;
    private volatile boolean cancelled;

    SimShell(AdbdSimulator device) {
        this.device = device;
        this.commands = new SimCommands(device, this);
        variables.put("?", "0");
    }

    void cancel() {
        cancelled = true;
        commands.cancel();
    }

    boolean cancelled() {
        return cancelled;
    }

    int run(String line, OutputStream out, OutputStream err) {
        PrintStream errText = new PrintStream(err, true, StandardCharsets.UTF_8);
        int rc = 0;
        try {
            for (ShellLexer.Segment seg : ShellLexer.split(line)) {
                if (cancelled || (seg.connector().equals("&&") && rc != 0)
                        || (seg.connector().equals("||") && rc == 0) || seg.text().isBlank()) {
                    continue;
                }
                List<ShellLexer.Token> tokens = ShellLexer.lex(seg.text(), variables::get);
                if (!tokens.isEmpty() && !tokens.get(0).operator() && tokens.get(0).text().equals("exit")) {
                    return tokens.size() > 1 ? Integer.parseInt(tokens.get(1).text()) & 0xff : rc;
                }
                rc = runSimple(tokens, out, err, errText);
                variables.put("?", Integer.toString(rc));
            }
        } catch (IllegalArgumentException e) {
            errText.println("/system/bin/sh: " + e.getMessage());
            return 2;
        }
        return cancelled ? 130 : rc;
    }

    private int runSimple(List<ShellLexer.Token> tokens, OutputStream out, OutputStream err, PrintStream errText) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> argv = new ArrayList<>();
        OutputStream cmdOut = out;
        OutputStream cmdErr = err;
        List<OutputStream> opened = new ArrayList<>();
        try {
            for (int i = 0; i < tokens.size(); i++) {
                ShellLexer.Token t = tokens.get(i);
                if (t.operator()) {
                    switch (t.text()) {
                        case ">", ">>", "2>" -> {
                            if (i + 1 >= tokens.size() || tokens.get(i + 1).operator()) {
                                throw new IllegalArgumentException("syntax error: redirection without a file");
                            }
                            OutputStream f = openForRedirect(tokens.get(++i).text(), t.text().equals(">>"));
                            opened.add(f);
                            if (t.text().equals("2>")) {
                                cmdErr = f;
                            } else {
                                cmdOut = f;
                            }
                        }
                        case "2>&1" -> cmdErr = cmdOut;
                        default -> throw new IllegalArgumentException("'" + t.text()
                                + "' is not supported by the edgenas simulator");
                    }
                } else if (argv.isEmpty() && t.text().matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    int eq = t.text().indexOf('=');
                    env.put(t.text().substring(0, eq), t.text().substring(eq + 1));
                } else {
                    argv.add(t.text());
                }
            }
            if (argv.isEmpty()) {
                variables.putAll(env);
                return 0;
            }
            return commands.exec(argv, env, cmdOut, cmdErr);
        } catch (IOException | Sandbox.SandboxEscapeException e) {
            errText.println("/system/bin/sh: " + e.getMessage());
            return 1;
        } finally {
            for (OutputStream o : opened) {
                try {
                    o.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private OutputStream openForRedirect(String devicePath, boolean append)
            throws IOException, Sandbox.SandboxEscapeException {
        if (devicePath.equals("/dev/null")) {
            return OutputStream.nullOutputStream();
        }
        Path p = device.sandbox().resolve(devicePath);
        return Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    }
}
