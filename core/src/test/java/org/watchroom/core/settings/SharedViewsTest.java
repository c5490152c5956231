package org.watchroom.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.People;

/** Views an admin shares: checked as typed, stored compact, admins only, audited; a bad stored value harms nothing. */
class SharedViewsTest {
    @TempDir
    Path dataDir;

    @Test
    void viewsAreCheckedAndStoredCompact() {
        List<SharedView> views = SharedViews.parse(" [{\"name\": \" Gates \", \"layout\": \"TWO\", \"cameras\": [3, 1]},"
                + " {\"name\": \"Yard\", \"cameras\": []}] ");
        assertThat(views).containsExactly(new SharedView("Gates", "TWO", List.of(3L, 1L)),
                new SharedView("Yard", "AUTO", List.of()));
        assertThat(SharedViews.format(views)).isEqualTo("[{\"name\":\"Gates\",\"layout\":\"TWO\",\"cameras\":[3,1]},"
                + "{\"name\":\"Yard\",\"layout\":\"AUTO\",\"cameras\":[]}]");

        assertThatThrownBy(() -> SharedViews.parse("[{\"name\": \"Gates\"}, {\"name\": \"gates\"}]"))
                .hasMessageContaining("Two shared views are called 'gates'");
        assertThatThrownBy(() -> SharedViews.parse("{not json")).hasMessageContaining("JSON list of views");
        assertThatThrownBy(() -> SharedViews.parse("null")).hasMessageContaining("not null");
        assertThatThrownBy(() -> SharedViews.parse("[{\"name\": \"X\", \"cameras\": [1, 1]}]"))
                .hasMessageContaining("has a camera twice");
        assertThatThrownBy(() -> SharedViews.parse("[{\"name\": \"\"}]")).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> SharedViews.parse("[{\"name\": \"X\", \"cameras\": [0]}]"))
                .hasMessageContaining("by id");
        assertThatThrownBy(() -> SharedViews.parse("[{\"name\": \"X\", \"layout\": \"../etc\"}]"))
                .hasMessageContaining("unknown layout");
        List<SharedView> many = IntStream.range(0, 60).mapToObj(i -> new SharedView("View " + i,
                "FIVE", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L))).toList();
        assertThatThrownBy(() -> SharedViews.format(many)).hasMessageContaining("do not fit");
    }

    @Test
    void onlyAnAdminSharesItIsAuditedAndAHandEditedValueIsIgnored() {
        try (Database db = Database.open(dataDir)) {
            Settings settings = new Settings(db);
            assertThat(settings.sharedViews()).isEmpty();
            String json = "[{\"name\":\"Gates\",\"layout\":\"TWO\",\"cameras\":[3,1]}]";
            assertThatThrownBy(() -> settings.set(SettingKey.WALL_SHARED_VIEWS, json, People.SUPERVISOR))
                    .isInstanceOf(AccessDeniedException.class);
            settings.set(SettingKey.WALL_SHARED_VIEWS, json, People.ADMIN);
            assertThat(settings.sharedViews()).containsExactly(new SharedView("Gates", "TWO", List.of(3L, 1L)));
            assertThat(new AuditLog(db.jdbi()).about("setting:wall.shared_views")).singleElement()
                    .satisfies(row -> assertThat(row.actor()).isEqualTo(People.ADMIN.userName()));

            new SettingsStore(db).put(SettingKey.WALL_SHARED_VIEWS.key(), "[{\"name\": 5");
            assertThat(settings.sharedViews()).as("a broken stored value: no shared views").isEmpty();
        }
    }
}
