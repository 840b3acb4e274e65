package dev.ipcm.crash;

/**
 * What one cell of the crash matrix found: stores destroyed (an operation failed afterwards),
 * acknowledged messages lost, torn messages (content not as sent), duplicates, and unacknowledged
 * losses (allowed where the mode is at most once).
 */
record CrashTally(String cell, int trials, int destroyed, int ackedLost, int torn, int duplicates, int otherLost) {
    String line() {
        return String.format("%-34s trials %4d  destroyed %d  acked-lost %d  torn %d  dups %d  lost-unacked %d",
                cell, trials, destroyed, ackedLost, torn, duplicates, otherLost);
    }
}
