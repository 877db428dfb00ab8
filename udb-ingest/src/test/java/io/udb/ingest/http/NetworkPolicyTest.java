package io.udb.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {

  @Test
  void classifiesPrivateAndPublicAddresses() throws Exception {
    for (String address :
        new String[] {
          "127.0.0.1",
          "10.1.2.3",
          "172.16.0.1",
          "192.168.1.1",
          "169.254.169.254",
          "100.64.0.1",
          "0.0.0.0",
          "224.0.0.1",
          "::1",
          "fe80::1",
          "fc00::1",
          "fd12:3456::1"
        }) {
      assertThat(NetworkPolicy.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
    }
    for (String address : new String[] {"8.8.8.8", "100.128.0.1", "2001:4860:4860::8888"}) {
      assertThat(NetworkPolicy.isPrivate(InetAddress.getByName(address))).as(address).isFalse();
    }
  }

  @Test
  void refusesPrivateHostsUserInfoAndOtherSchemesUnlessAllowed() {
    NetworkPolicy policy = NetworkPolicy.publicOnly();

    for (String uri :
        new String[] {
          "http://127.0.0.1:8080/x",
          "http://169.254.169.254/latest/meta-data",
          "https://user:pw@example.com/",
          "file:///etc/passwd"
        }) {
      assertThatThrownBy(() -> policy.check(URI.create(uri)))
          .as(uri)
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.CONFIG_INVALID);
    }
    NetworkPolicy.allowingPrivateNetworks().check(URI.create("http://127.0.0.1:8080/x"));
  }
}
