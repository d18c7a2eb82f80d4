package dev.edgenas.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search journal: JSON lines, the first a header describing the run, then one {@link CandidateScore} per
 * evaluation, each forced to disk before the search goes on, so a killed search loses nothing. Append-only by
 * design (the one file edgenas does not write atomically); a torn last line from a kill is ignored on resume.
 * Resuming checks that the header matches: scores from another model, subset or table are never mixed in.
 */
public final class Journal implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final Map<String, CandidateScore> scores = new LinkedHashMap<>();

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens a journal: with resume, reads an existing one whose header equals {@code header}; without, an existing
     * journal is an error (use --resume, or another --out).
     */
    public static Journal open(Path file, Map<String, Object> header, boolean resume) {
        return open(file, header, null, resume);
    }

    /**
     * As {@link #open(Path, Map, boolean)}, the first line also carrying the run's provenance (beside the header,
     * not in it: a resumed run's own provenance differs in time and command line, and it is the header that must
     * match; the journal keeps the provenance of the run that started it).
     */
    public static Journal open(Path file, Map<String, Object> header, Object provenance, boolean resume) {
        try {
            Map<String, Object> first = new LinkedHashMap<>();
            first.put("header", header);
            if (provenance != null) {
                first.put("provenance", provenance);
            }
            String headerLine = line(first);
            // a journal without any scored candidate (a run that failed at its start) holds nothing to
            // protect or resume: it is started afresh instead of blocking the rerun
            boolean exists = Files.exists(file) && Files.size(file) > 0 && holdsRecords(file);
            if (exists && !resume) {
                throw BadInputException.at(file, null, "a search journal exists already: pass --resume to continue it, "
                        + "or choose another --out");
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            Journal j = new Journal(file, ch);
            if (exists) {
                j.load(headerLine);
            } else {
                ch.truncate(0);
                j.append(headerLine);
            }
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file, e);
        }
    }

    private static boolean holdsRecords(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).limit(2).count() > 1;
        }
    }

    private void load(String headerLine) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        JsonNode want = Json.readTreeString(headerLine).get("header");
        if (lines.isEmpty() || !want.equals(Json.readTreeString(lines.get(0)).get("header"))) {
            throw BadInputException.at(file, "header", "the journal was written by a different search (model, data, "
                    + "subset, tables or options differ): its header is " + (lines.isEmpty() ? "missing" : lines.get(0)));
        }
        long keep = lines.get(0).getBytes(StandardCharsets.UTF_8).length + 1;
        for (int i = 1; i < lines.size(); i++) {
            CandidateScore s;
            try {
                s = Json.MAPPER.readValue(lines.get(i), CandidateScore.class);
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    break; // torn by a kill mid-write: dropped and truncated below
                }
                throw BadInputException.at(file, "line " + (i + 1), "not a candidate record: " + e.getOriginalMessage());
            }
            scores.put(s.genome(), s);
            keep += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        channel.truncate(Math.min(keep, channel.size()));
        channel.position(channel.size());
    }

    /** Scores read back from disk, by genome key. */
    public Map<String, CandidateScore> scores() {
        return Map.copyOf(scores);
    }

    public synchronized void append(CandidateScore s) {
        try {
            append(line(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to journal " + file, e);
        }
        scores.put(s.genome(), s);
    }

    private void append(String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    private static String line(Object o) throws JsonProcessingException {
        return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
