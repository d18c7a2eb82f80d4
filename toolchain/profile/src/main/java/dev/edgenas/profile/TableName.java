package dev.edgenas.profile;

/**
 * Where a device's table goes when {@code profile --out} is not given.
 *
 * @param fileName  the file name (from the device: board, clocks, phone model, host CPU)
 * @param hostCache true for a table of this machine, kept in the host's table cache ($EDGENAS_HOME/tables)
 *                  rather than the shared tables folder
 */
public record TableName(String fileName, boolean hostCache) {
}
