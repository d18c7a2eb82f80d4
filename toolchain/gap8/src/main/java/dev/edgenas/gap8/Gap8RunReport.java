package dev.edgenas.gap8;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a profiling run did.
 *
 * @param results     every kernel measured, in completion order (also given to onResult)
 * @param unsupported canonical key to the reason it cannot be measured on GAP8 (no en_* kernel,
 *                    not int8, larger than L2, device could not allocate it)
 * @param commands    the commands run (or, in dry-run, that would run), in order
 * @param runDir      folder with generated projects, build logs, raw UART captures and frame logs
 * @param warnings    things worth a look that did not stop the run (clock not granted, retries)
 */
public record Gap8RunReport(List<Gap8KernelResult> results, Map<String, String> unsupported, List<String> commands,
                            Path runDir, List<String> warnings) {

    public Gap8RunReport {
        results = List.copyOf(results);
        unsupported = Map.copyOf(unsupported);
        commands = List.copyOf(commands);
        warnings = List.copyOf(warnings);
    }
}
