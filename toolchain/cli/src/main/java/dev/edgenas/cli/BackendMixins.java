package dev.edgenas.cli;

import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceBackends;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Adds each device backend's own options to a command as a mixin named after the backend, when the
 * command's model is built: the backends on the class path decide the options, so a new backend
 * needs no CLI edit. {@link Profile} adds their profile options, {@link Devices} their discovery
 * options.
 */
final class BackendMixins {
    private BackendMixins() {
    }

    static CommandSpec add(CommandSpec spec, Function<DeviceBackendProvider, Object> options) {
        for (DeviceBackendProvider p : DeviceBackends.available()) {
            Object o = options.apply(p);
            if (o != null && !spec.mixins().containsKey(p.name())) {
                spec.addMixin(p.name(), CommandSpec.forAnnotatedObject(o));
            }
        }
        return spec;
    }

    /** The parsed options object of a backend's mixin, or null when it has none. */
    static Object of(CommandSpec spec, String backend) {
        CommandSpec m = spec.mixins().get(backend);
        return m == null ? null : m.userObject();
    }

    /** The backend whose mixin holds this option, or null for the command's own options. */
    static String owner(CommandSpec spec, String option) {
        for (var e : spec.mixins().entrySet()) {
            if (e.getValue().userObject() != null && e.getValue().findOption(option) != null
                    && DeviceBackends.available().stream().anyMatch(p -> p.name().equals(e.getKey()))) {
                return e.getKey();
            }
        }
        return null;
    }

    static final class Profile implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return add(spec, DeviceBackendProvider::profileOptions);
        }
    }

    static final class Devices implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return add(spec, DeviceBackendProvider::discoveryOptions);
        }
    }
}
