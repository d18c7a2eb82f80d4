package dev.edgenas.bench;

/**
 * One plot of a report, written twice: PNG for the page, SVG for print and zoom.
 *
 * @param title   what the plot shows
 * @param caption how to read it
 * @param png     path relative to the report folder
 * @param svg     path relative to the report folder
 */
public record Plot(String title, String caption, String png, String svg) {
}
