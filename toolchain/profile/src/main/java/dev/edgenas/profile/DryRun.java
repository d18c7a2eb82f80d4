package dev.edgenas.profile;

import java.util.List;
import java.util.Map;

/**
 * What a profiling run would do, run nothing (generated projects, the commands that would run).
 *
 * @param runDir      folder holding what was generated
 * @param commands    the commands a run would execute, in order
 * @param unsupported kernels the device cannot run, with the reason
 * @param warnings    anything else worth saying
 */
public record DryRun(String runDir, List<String> commands, Map<String, String> unsupported, List<String> warnings) {
}
