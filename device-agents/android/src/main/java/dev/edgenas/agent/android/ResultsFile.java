package dev.edgenas.agent.android;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.util.HashSet;
import java.util.Set;

/**
 * The agent's JSON-lines output. Lines are appended and synced one at a time, so an interrupted
 * run leaves every finished kernel on disk, and a rerun with the same file skips those kernels.
 */
final class ResultsFile {
    private final File file;

    ResultsFile(File file) {
        this.file = file;
    }

    /** Kernel keys that already have a result or an error line. Truncated lines are ignored. */
    Set<String> finishedKernels() throws IOException {
        Set<String> done = new HashSet<String>();
        if (!file.exists()) {
            return done;
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(file), "UTF-8"));
        try {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.endsWith("}")) {
                    continue;
                }
                String type = JsonLine.stringField(line, "type");
                String kernel = JsonLine.stringField(line, "kernel");
                if (kernel != null && ("kernel".equals(type) || "error".equals(type))) {
                    done.add(kernel);
                }
            }
        } finally {
            r.close();
        }
        return done;
    }

    /** Appends one line and forces it to storage; a line cut short by a crash is closed first. */
    void append(String line) throws IOException {
        File parent = file.getAbsoluteFile().getParentFile();
        if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
            throw new IOException("cannot create " + parent);
        }
        boolean needsNewline = endsWithoutNewline();
        FileOutputStream out = new FileOutputStream(file, true);
        try {
            if (needsNewline) {
                out.write('\n');
            }
            out.write((line + "\n").getBytes("UTF-8"));
            out.flush();
            out.getFD().sync();
        } finally {
            out.close();
        }
    }

    private boolean endsWithoutNewline() throws IOException {
        if (!file.exists() || file.length() == 0) {
            return false;
        }
        RandomAccessFile raf = new RandomAccessFile(file, "r");
        try {
            raf.seek(raf.length() - 1);
            return raf.read() != '\n';
        } finally {
            raf.close();
        }
    }
}
