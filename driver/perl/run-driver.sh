#!/bin/bash
# Starts ipcm-driver.pl (next to this script) in the Perl reference's environment:
# IPCM_PERL_REFERENCE names the env.sh that sets it up (PERL5LIB and the rest); without it,
# perl finds IPC::Manager through the PERL5LIB already set. docs/driver-protocol.md.
if [ -n "${IPCM_PERL_REFERENCE:-}" ]; then
    # shellcheck source=/dev/null
    . "$IPCM_PERL_REFERENCE" || exit 1
fi
exec perl "$(dirname "$0")/ipcm-driver.pl" "$@"
