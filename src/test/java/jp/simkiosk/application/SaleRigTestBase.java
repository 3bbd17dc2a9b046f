package jp.simkiosk.application;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jp.simkiosk.domain.line.LineStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test on a {@link SaleRig} of its own: built on a fresh temporary folder before each test, closed after it (a
 * test that restarts the rig keeps the restarted one in {@link #rig}, and that one is closed).
 */
abstract class SaleRigTestBase {

    @TempDir
    Path data;
    SaleRig rig;

    /** The lines the simulated back office knows (none by default). */
    List<LineStatus> lines() {
        return List.of();
    }

    @BeforeEach
    void buildRig() throws IOException {
        rig = new SaleRig(data, lines());
    }

    @AfterEach
    void closeRig() {
        rig.close();
    }
}
