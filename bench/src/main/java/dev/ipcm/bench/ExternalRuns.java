package dev.ipcm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One run's programs outside the JVM, the Perl reference and the C limits, each measured on the
 * same store, size and counts as the protocol it stands beside. One that is absent gives every
 * row its reason instead of figures.
 */
final class ExternalRuns implements AutoCloseable {
    private final Path dir;
    private final PerlReference perl;
    private final String perlMissing;
    private final CLimits limits;
    private final String limitsMissing;

    private ExternalRuns(Path dir, PerlReference perl, String perlMissing, CLimits limits, String limitsMissing) {
        this.dir = dir;
        this.perl = perl;
        this.perlMissing = perlMissing;
        this.limits = limits;
        this.limitsMissing = limitsMissing;
    }

    /** Finds the reference and builds the limits the settings ask for, reporting what is absent. */
    static ExternalRuns prepare(ReferenceSettings settings, Consumer<String> progress) {
        Path dir;
        try {
            dir = Files.createTempDirectory("ipcm-bench-external",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new BenchException("could not create a scratch folder for the reference and the limits: "
                    + e.getMessage(), e);
        }
        PerlReference perl = null;
        String perlMissing = null;
        if (settings.perl()) {
            try {
                perl = PerlReference.locate(settings.env());
            } catch (BenchException e) {
                perlMissing = e.getMessage();
                progress.accept("Perl reference skipped: " + perlMissing);
            }
        }
        CLimits limits = null;
        String limitsMissing = null;
        if (settings.limitsOn()) {
            try {
                limits = CLimits.build(dir);
                progress.accept("C limits built in " + dir);
            } catch (BenchException e) {
                limitsMissing = e.getMessage();
                progress.accept("C limits skipped: " + limitsMissing);
            }
        }
        return new ExternalRuns(dir, perl, perlMissing, limits, limitsMissing);
    }

    /** The reference on {@code protocol}, or {@code null} when it was not asked for. */
    Measurement reference(String protocol, int size, PairRun.Counts counts, BenchOptions options, Consumer<String> progress) {
        if (perl == null) {
            return perlMissing == null ? null : Measurement.failed("perl IPC::Manager " + protocol, true, size, perlMissing);
        }
        progress.accept(protocol + " " + Units.size(size) + ": Perl reference, " + counts.roundTrips() + " round trips, "
                + counts.messages() + " messages");
        return perl.measure(protocol, size, counts.roundTrips(), counts.messages(), options.spawnParams(protocol), dir,
                options.sessionTimeout().toNanos());
    }

    /** The C limit under {@code protocol}, or {@code null} when it was not asked for. */
    Measurement limit(String protocol, int size, PairRun.Counts counts, BenchOptions options, Consumer<String> progress) {
        if (limits == null) {
            return limitsMissing == null ? null : Measurement.failed("C " + protocol, true, size, limitsMissing);
        }
        progress.accept(protocol + " " + Units.size(size) + ": C limit " + CLimits.transportFor(protocol));
        return limits.measure(protocol, size, counts, dir, options.sessionTimeout().toNanos());
    }

    /** The reference's Echo service on {@code protocol}, or {@code null} when it was not asked for. */
    ServiceFigures echo(String protocol, BenchOptions options, Consumer<String> progress) {
        if (perl == null) {
            return perlMissing == null ? null : new ServiceFigures("perl " + protocol, 0, null, null, perlMissing);
        }
        progress.accept(protocol + ": Perl reference Echo, " + options.roundTrips() + " requests");
        return perl.echo(protocol, options.roundTrips(), options.spawnParams(protocol), dir,
                options.sessionTimeout().toNanos());
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new BenchException("could not remove the scratch folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
