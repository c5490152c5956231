package org.watchroom.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.watchroom.core.model.ModelException;
import org.watchroom.core.model.ModelFetcher;
import org.watchroom.core.model.ModelManifest;
import org.watchroom.core.model.ModelSpec;
import org.watchroom.core.model.ModelStore;
import org.watchroom.core.redaction.Redaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code watchroom models list|fetch}: which detection models are known and whether their verified files are
 * in the data dir, and getting them there (from a mirror folder or the pinned upstream).
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "models", description = "List and fetch detection models.", mixinStandardHelpOptions = true,
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Fetch.class})
final class ModelsCommand implements Runnable {
    @ParentCommand
    WatchroomCli root;

    @Spec
    CommandSpec spec;

    /** {@code watchroom models} alone shows what it can do. */
    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    ModelStore store() {
        return ModelStore.in(root.dataDirectory());
    }

    PrintStream out() { return root.out(); }

    PrintStream err() { return root.err(); }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List known models and whether they are in the data dir.")
    static final class ListModels implements Callable<Integer> {
        @ParentCommand ModelsCommand parent;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            ModelStore store = parent.store();
            ModelManifest manifest = ModelManifest.load(store);
            PrintStream out = parent.out();
            if (json) {
                ArrayNode array = new ObjectMapper().createArrayNode();
                for (ModelSpec m : manifest.models()) {
                    ModelStore.Status status = store.status(m);
                    ObjectNode node = array.addObject();
                    node.put("id", m.id());
                    node.put("task", m.task().id());
                    node.put("adapter", m.adapter().id());
                    node.put("default", m.isDefault());
                    node.put("present", status == ModelStore.Status.VERIFIED);
                    node.put("status", status.name().toLowerCase(Locale.ROOT));
                    node.put("size", m.size());
                    node.put("license", m.license());
                    node.put("file", m.file());
                    node.put("path", store.path(m).toString());
                    node.put("input_width", m.inputWidth());
                    node.put("input_height", m.inputHeight());
                    node.put("labels", m.labels());
                    node.put("url", m.url() == null ? null : Redaction.redact(m.url().toString()));
                    node.put("sha256", m.sha256());
                    node.put("origin", m.origin().name().toLowerCase(Locale.ROOT));
                }
                out.println(array);
                return 0;
            }
            out.printf("%-18s %-8s %-11s %-8s %-8s %-9s %s%n", "ID", "TASK", "ADAPTER", "DEFAULT", "PRESENT", "SIZE",
                    "LICENSE");
            for (ModelSpec m : manifest.models()) {
                String present = switch (store.status(m)) {
                    case VERIFIED -> "yes";
                    case MISSING -> "no";
                    case DAMAGED -> "damaged";
                };
                long size = m.size() != null ? m.size() : store.sizeOnDisk(m);
                out.printf("%-18s %-8s %-11s %-8s %-8s %-9s %s%n", m.id(), m.task().id(), m.adapter().id(),
                        m.isDefault() ? "yes" : "", present, size < 0 ? "?" : humanSize(size), m.license());
            }
            out.println("Store: " + store.dir());
            return 0;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, description = {
            "Fetch models into the data dir and verify their sha256.",
            "Without ids: the default model of each task. Without --mirror: from $" + ModelFetcher.MIRROR_ENV
                    + " if set, else downloaded from the pinned upstream."})
    static final class Fetch implements Callable<Integer> {
        @ParentCommand ModelsCommand parent;
        @Option(names = "--mirror", paramLabel = "DIR", description = "Copy from this folder instead of downloading.")
        Path mirror;
        @Option(names = "--all", description = "Fetch every model in the manifest.") boolean all;
        @Parameters(paramLabel = "ID", arity = "0..*", description = "Models to fetch (see `models list`).")
        List<String> ids = new ArrayList<>();

        @Override
        public Integer call() {
            if (all && !ids.isEmpty()) {
                throw new IllegalArgumentException("Give model ids or --all, not both.");
            }
            ModelStore store = parent.store();
            ModelManifest manifest = ModelManifest.load(store);
            List<ModelSpec> wanted = all ? manifest.models()
                    : ids.isEmpty() ? manifest.defaults() : ids.stream().distinct().map(manifest::get).toList();
            Optional<Path> mirrorDir = ModelFetcher.mirrorFrom(mirror, System.getenv());
            ModelFetcher fetcher = new ModelFetcher(store, mirrorDir.orElse(null));
            PrintStream out = parent.out();
            out.println("Fetching " + wanted.size() + (wanted.size() == 1 ? " model" : " models") + " into "
                    + store.dir() + fetcher.mirror().map(m -> " from mirror " + m).orElse(" from upstream"));
            int fetched = 0;
            int present = 0;
            int failed = 0;
            for (ModelSpec m : wanted) {
                if (store.isPresent(m)) {
                    out.println(m.id() + ": already present, sha256 verified (" + store.path(m) + ")");
                    present++;
                    continue;
                }
                out.println(m.id() + ": " + (fetcher.mirror().isPresent() ? "copying " : "downloading ")
                        + Redaction.redact(fetcher.sourceOf(m)));
                try {
                    ModelFetcher.Result result = fetcher.fetch(m);
                    out.println(m.id() + ": ok, " + humanSize(result.bytes()) + ", sha256 verified");
                    fetched++;
                } catch (ModelException e) {
                    out.println(m.id() + ": FAILED");
                    parent.err().println("watchroom: " + Redaction.redact(e.getMessage()));
                    failed++;
                }
            }
            out.println("Done: " + fetched + " fetched, " + present + " already present, " + failed + " failed.");
            return failed == 0 ? 0 : 2;
        }
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
