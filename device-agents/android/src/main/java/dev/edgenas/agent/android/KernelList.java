package dev.edgenas.agent.android;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

/** The kernels to run: one "KEY<TAB>FILE" per line, FILE relative to the models folder. */
final class KernelList {
    /** One kernel: its key as the host names it and the ONNX file that holds it. */
    static final class Entry {
        final String key;
        final String file;
        final File path;

        Entry(String key, String file, File path) {
            this.key = key;
            this.file = file;
            this.path = path;
        }
    }

    private KernelList() {
    }

    static List<Entry> read(File list, File modelsDir) throws IOException {
        List<Entry> out = new ArrayList<Entry>();
        BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(list), "UTF-8"));
        try {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.trim().isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0 || tab == line.length() - 1) {
                    throw new IllegalArgumentException(list + ": line " + n + ": expected KEY<TAB>FILE");
                }
                String file = line.substring(tab + 1);
                File path = new File(file).isAbsolute() ? new File(file) : new File(modelsDir, file);
                out.add(new Entry(line.substring(0, tab), file, path));
            }
        } finally {
            r.close();
        }
        return out;
    }

    static List<Entry> bench(File model, String name) {
        List<Entry> out = new ArrayList<Entry>();
        out.add(new Entry(name == null ? model.getName() : name, model.getName(), model));
        return out;
    }
}
