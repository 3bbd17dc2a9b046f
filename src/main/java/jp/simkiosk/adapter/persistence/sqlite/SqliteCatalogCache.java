package jp.simkiosk.adapter.persistence.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;
import jp.simkiosk.application.port.CatalogCache;

/**
 * The {@link CatalogCache} in the sale journal's SQLite file ({@code catalog_cache}, one row): the last
 * catalog document from upstream that passed its checks, so that the kiosk starts and sells offline.
 */
public final class SqliteCatalogCache implements CatalogCache {

    private final SqliteSaleJournal journal;

    SqliteCatalogCache(SqliteSaleJournal journal) {
        this.journal = journal;
    }

    @Override
    public Optional<Cached> load() {
        return journal.read("the cached catalog", () -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "SELECT etag, fetched_at, document FROM catalog_cache WHERE slot = 'current'");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Cached(rs.getString("etag"), SqliteSaleJournal.instant(rs.getString("fetched_at")),
                        rs.getString("document")));
            }
        });
    }

    @Override
    public void save(Cached catalog) {
        Objects.requireNonNull(catalog, "catalog");
        journal.inTransaction(() -> {
            try (PreparedStatement ps = journal.connection().prepareStatement(
                    "INSERT INTO catalog_cache (slot, etag, fetched_at, document) VALUES ('current', ?, ?, ?)"
                            + " ON CONFLICT (slot) DO UPDATE SET etag = excluded.etag,"
                            + " fetched_at = excluded.fetched_at, document = excluded.document")) {
                ps.setString(1, catalog.etag());
                ps.setString(2, SqliteSaleJournal.text(catalog.fetchedAt()));
                ps.setString(3, catalog.document());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
