package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.ReviewStore;
import org.watchroom.core.testing.People;

class ReviewsTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void undoRestoresTheReviewWithItsOwnAuditRowAndReviewsArePublished() {
        try (Database db = Database.open(dataDir)) {
            EventBus bus = new EventBus();
            List<WatchroomEvent.EventReviewed> published = new CopyOnWriteArrayList<>();
            bus.subscribe(WatchroomEvent.EventReviewed.class, published::add);
            EventStore events = new EventStore(db);
            Reviews reviews = new Reviews(new ReviewStore(db), bus);
            Event pending = events.create(new NewEvent(null, "Demo", "person", T0, 0.8f, null, null));
            Event confirmed = reviews.confirm(pending.id(), People.as("guard"), "Courier at the gate");
            assertThat(confirmed.hold()).isTrue();

            Event undone = reviews.revert(confirmed, pending, People.as("guard"));
            assertThat(undone.status()).isEqualTo(EventStatus.PENDING);
            assertThat(undone.reviewedBy()).isNull();
            assertThat(undone.reviewedAt()).isNull();
            assertThat(undone.note()).isNull();
            assertThat(undone.hold()).as("the hold came with the confirm").isFalse();
            List<AuditEntry> rows = new AuditLog(db.jdbi()).about(Event.subject(pending.id()));
            assertThat(rows).extracting(AuditEntry::action).containsExactly("event.confirm", "event.undo");
            assertThat(rows.getLast().detail()).isEqualTo("confirmed -> pending, hold released");
            assertThat(new AuditLog(db.jdbi()).verify().ok()).isTrue();
            assertThat(published).extracting(r -> r.status())
                    .containsExactly(EventStatus.CONFIRMED, EventStatus.PENDING);

            assertThatThrownBy(() -> reviews.revert(confirmed, pending, People.as("guard")))
                    .as("the undo happened already").hasMessageContaining("reviewed again");
            Event dismissed = reviews.dismiss(pending.id(), People.as("guard"), "cat");
            Event again = reviews.confirm(pending.id(), People.as("other"), "no, a person");
            assertThatThrownBy(() -> reviews.revert(dismissed, undone, People.as("guard"))).hasMessageContaining("reviewed again");
            assertThat(events.find(pending.id()).orElseThrow().status()).isEqualTo(EventStatus.CONFIRMED);
            assertThat(reviews.revert(again, dismissed, People.as("other")).note()).isEqualTo("cat");

            // an admin released the hold after a confirm: undoing that confirm must not touch the hold
            Event held = reviews.confirm(pending.id(), People.OPERATOR, null);
            reviews.release(pending.id(), People.ADMIN, "case closed");
            assertThatThrownBy(() -> reviews.revert(held, dismissed, People.OPERATOR)).hasMessageContaining("reviewed again");
            assertThat(events.find(pending.id()).orElseThrow().hold()).isFalse();
        }
    }
}
