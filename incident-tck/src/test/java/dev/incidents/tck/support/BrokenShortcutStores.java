package dev.incidents.tck.support;

import dev.incidents.spi.CreateResult;
import dev.incidents.spi.NewIncident;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Stores with one shortcut each that conflates names or numbers, or calls a renderer when it should not
 * (issue 18), built on {@link SimpleStore}: each must make the kit fail with the rule that names the defect.
 */
public final class BrokenShortcutStores {

  private BrokenShortcutStores() {}

  /** Records the hash code of an idempotency key instead of the key, "to keep the key column small". */
  public static final class HashedKeys extends SimpleStore {
    public HashedKeys() {}

    @Override
    protected String storedKey(String key) {
      return Integer.toString(key.hashCode());
    }
  }

  /**
   * Keeps idempotency keys in one map for all tenants, keyed by tenant and key joined with {@code _}: a key in
   * tenant {@code a_b} and a key {@code b_c} in tenant {@code a} are one entry, and the second create replays
   * the first one's incident.
   */
  public static final class JoinsTenantAndKey extends SimpleStore {
    public JoinsTenantAndKey() {}

    @Override
    public CreateResult create(NewIncident incident) {
      String key = incident.idempotencyKey();
      if (key == null) {
        return super.create(incident);
      }
      synchronized (state) {
        @SuppressWarnings("unchecked")
        Map<String, String[]> joined = (Map<String, String[]>) state.extra.computeIfAbsent("joined keys",
            name -> new HashMap<String, String[]>());
        String[] owner = joined.get(incident.tenant() + "_" + key);
        if (owner != null) {
          // The joined key is taken: answer what it recorded, whichever tenant and key that was.
          return super.create(new NewIncident(owner[0], owner[1], incident.fingerprint(), incident.renderer()));
        }
        CreateResult result = super.create(incident);
        joined.put(incident.tenant() + "_" + key, new String[] {incident.tenant(), key});
        return result;
      }
    }
  }

  /**
   * Keeps a fingerprint of 64 hex digits as its 32 bytes, "to halve the key record", testing for hex without
   * regard to case, and so gives it back in lower case.
   */
  public static final class FoldsHexFingerprints extends SimpleStore {
    public FoldsHexFingerprints() {}

    @Override
    protected String storedFingerprint(String fingerprint) {
      return fingerprint.matches("[0-9a-fA-F]{64}") ? HexFormat.of().formatHex(HexFormat.of().parseHex(fingerprint))
          : fingerprint;
    }
  }

  /** Keeps an event's tenant in a field of 63 characters, one short of the longest tenant. */
  public static final class CutsEventTenants extends SimpleStore {
    public CutsEventTenants() {}

    @Override
    protected String storedEventTenant(String tenant) {
      return tenant.length() > 63 ? tenant.substring(0, 63) : tenant;
    }
  }

  /** Looks incidents up by the number narrowed to {@code int}, as an {@code INTEGER} column or {@code setInt} would. */
  public static final class NarrowsNumbers extends SimpleStore {
    public NarrowsNumbers() {}

    @Override
    protected long lookedUp(long number) {
      return (int) number;
    }
  }

  /** Renders before it checks that it is open, so a closed store still calls the renderer. */
  public static final class RendersWhenClosed extends SimpleStore {
    private volatile boolean closedHere;

    public RendersWhenClosed() {}

    @Override
    public CreateResult create(NewIncident incident) {
      if (closedHere) {
        incident.render(1);
      }
      return super.create(incident);
    }

    @Override
    public void close() {
      closedHere = true;
      super.close();
    }
  }

  /** Renders every new incident twice (once "to size a buffer"), keeping the second rendering. */
  public static final class RendersTwice extends SimpleStore {
    public RendersTwice() {}

    @Override
    public CreateResult create(NewIncident incident) {
      return super.create(new NewIncident(incident.tenant(), incident.idempotencyKey(), incident.fingerprint(),
          number -> {
            incident.render(number);
            return incident.render(number);
          }));
    }
  }
}
