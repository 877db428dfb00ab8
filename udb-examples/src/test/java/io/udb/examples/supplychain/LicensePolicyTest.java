package io.udb.examples.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.examples.supplychain.LicensePolicy.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicensePolicyTest {

  @Test
  void judgesSpdxIdsAndExpressions() {
    assertThat(LicensePolicy.judge("Apache-2.0")).isEqualTo(Verdict.PERMISSIVE);
    assertThat(LicensePolicy.judge("EPL-2.0")).isEqualTo(Verdict.WEAK_COPYLEFT);
    assertThat(LicensePolicy.judge("GPL-3.0-only")).isEqualTo(Verdict.STRONG_COPYLEFT);
    assertThat(LicensePolicy.judge("AGPL-3.0-or-later")).isEqualTo(Verdict.STRONG_COPYLEFT);
    assertThat(LicensePolicy.judge("(EPL-1.0 OR LGPL-2.1-only)")).isEqualTo(Verdict.WEAK_COPYLEFT);
    assertThat(LicensePolicy.judge("MIT OR GPL-3.0-only")).isEqualTo(Verdict.PERMISSIVE);
    assertThat(LicensePolicy.judge("MIT AND GPL-3.0-only")).isEqualTo(Verdict.STRONG_COPYLEFT);
    assertThat(LicensePolicy.judge("Some Vendor License")).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void severalLicensesOfOneComponentAreAlternatives() {
    assertThat(LicensePolicy.best(List.of("CC0-1.0", "BSD-2-Clause")))
        .isEqualTo(Verdict.PERMISSIVE);
    assertThat(LicensePolicy.best(List.of("EPL-2.0", "GPL-2.0-with-classpath-exception")))
        .isEqualTo(Verdict.WEAK_COPYLEFT);
    assertThat(LicensePolicy.best(List.of())).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void mapsLicenseNamesThatPomsUseToSpdxIds() {
    assertThat(LicensePolicy.idForName("The (New) BSD License")).isEqualTo("BSD-3-Clause");
    assertThat(LicensePolicy.idForName("GNU Library or Lesser General Public License (LGPL)"))
        .isEqualTo("LicenseRef-LGPL");
    assertThat(LicensePolicy.idForName("The Apache Software License, Version 2.0"))
        .isEqualTo("Apache-2.0");
    assertThat(
            LicensePolicy.idForName(
                "GNU General Public License, version 2 with the GNU Classpath Exception"))
        .isEqualTo("GPL-2.0-with-classpath-exception");
    assertThat(LicensePolicy.idForName("Eclipse Distribution License - v 1.0"))
        .isEqualTo("EDL-1.0");
    assertThat(LicensePolicy.idForName("Bouncy Castle Licence")).isEqualTo("MIT");
    assertThat(LicensePolicy.idForName("Mozilla Public License Version 1.1")).isEqualTo("MPL-1.1");
    assertThat(LicensePolicy.idForName("GENERAL PUBLIC LICENSE, version 3 (GPL-3.0)"))
        .isEqualTo("GPL-3.0-only");
    assertThat(LicensePolicy.judge(LicensePolicy.idForName("GENERAL PUBLIC LICENSE, version 3")))
        .isEqualTo(Verdict.STRONG_COPYLEFT);
    assertThat(LicensePolicy.idForName("Acme Proprietary")).isEqualTo("Acme Proprietary");
  }
}
