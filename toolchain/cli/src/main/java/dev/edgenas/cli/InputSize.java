package dev.edgenas.cli;

import picocli.CommandLine;

/** --input-size HxW: fixes a model's symbolic spatial input dimensions (never guessed as 1x1). */
record InputSize(int height, int width) {
    static final class Converter implements CommandLine.ITypeConverter<InputSize> {
        @Override
        public InputSize convert(String v) {
            String[] p = v.toLowerCase(java.util.Locale.ROOT).split("x", -1);
            try {
                if (p.length == 2) {
                    int h = Integer.parseInt(p[0].trim());
                    int w = Integer.parseInt(p[1].trim());
                    if (h >= 1 && w >= 1 && h <= 16384 && w <= 16384) {
                        return new InputSize(h, w);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("'" + v + "' is not HEIGHTxWIDTH with sides 1..16384 (e.g. 256x256)");
        }
    }

    static dev.edgenas.ir.Graph apply(dev.edgenas.ir.Graph g, InputSize s) {
        return s == null ? g : g.withInputSize(s.height, s.width);
    }
}
