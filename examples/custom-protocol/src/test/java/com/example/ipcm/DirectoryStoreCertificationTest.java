package com.example.ipcm;

import dev.ipcm.engine.IpcmCertification;

/**
 * Certifies DirectoryStore with the conformance suite on {@code mvn test}. Build tools hand the
 * test classes they find to every engine; this class is how the certification engine is asked.
 */
@IpcmCertification(protocols = "DirectoryStore")
class DirectoryStoreCertificationTest {}
