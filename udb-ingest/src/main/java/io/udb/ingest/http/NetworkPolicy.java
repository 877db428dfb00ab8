package io.udb.ingest.http;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which hosts tenant-configured HTTP connectors may call. By default only public addresses: a
 * tenant must not reach the host's own services, the cloud metadata endpoint or the private network
 * through UDB (server-side request forgery). Deployments that sync from internal APIs or a
 * self-hosted Airbyte allow private networks explicitly.
 *
 * <p>The check resolves the host before each request; a DNS answer that changes between the check
 * and the connection is not caught, so deployments with hostile DNS should also restrict egress at
 * the network level.
 *
 * @param allowPrivateNetworks whether loopback, link-local, site-local and unique-local addresses
 *     are allowed
 */
public record NetworkPolicy(boolean allowPrivateNetworks) {

  /** Public addresses only. */
  public static NetworkPolicy publicOnly() {
    return new NetworkPolicy(false);
  }

  /** Any address, including loopback and private networks. */
  public static NetworkPolicy allowingPrivateNetworks() {
    return new NetworkPolicy(true);
  }

  /**
   * Refuses a URI the policy does not allow.
   *
   * @param uri the URI to call
   * @throws ConfigurationException with {@code CONFIG_INVALID} for a non-HTTP URI or a private
   *     address
   * @throws UdbException with {@code UNAVAILABLE} when the host cannot be resolved
   */
  public void check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "Only http and https URLs can be called, not " + scheme);
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw new ConfigurationException(ErrorCode.CONFIG_INVALID, "The URL has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "URLs with user info are refused; give credentials as secret references");
    }
    if (allowPrivateNetworks) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new UdbException(ErrorCode.UNAVAILABLE, "Cannot resolve the host " + host, e);
    }
    for (InetAddress address : addresses) {
      if (isPrivate(address)) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "The host "
                + host
                + " resolves to a private or local address, which connectors may not call here;"
                + " an administrator can allow private networks in the connector settings");
      }
    }
  }

  /**
   * Whether an address is not on the public internet.
   *
   * @param address the address
   * @return true for loopback, any-local, link-local, site-local, multicast, carrier-grade NAT,
   *     {@code 0.0.0.0/8} and IPv6 unique-local addresses
   */
  static boolean isPrivate(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second < 128);
    }
    if (address instanceof Inet6Address) {
      return (bytes[0] & 0xfe) == 0xfc;
    }
    return false;
  }
}
