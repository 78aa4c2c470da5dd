/// The schema, in the order it was written. A migration, once released, is never edited:
/// a change is a new migration at the end of the list.
public enum Schema {
    public static let migrations: [Migration] = [
        people_and_access,
        files_and_media,
        site,
        directory,
        knowledge_hub,
        events,
        vacancies_and_blog,
        public_input,
        operations,
        event_organisations,
        mailClaims,
        search,
        scheduleIndexes,
        publicQueryIndexes,
        mailParts,
        mailingList,
        registrations,
        newsletters,
        attention,
        wordPressImport,
        imageVariants,
        editVersions,
        authors,
        editorLanguage,
        topicNames,
    ]

    static let people_and_access = Migration("2026-11-29-01-users-and-sessions", [
        """
        CREATE TABLE users (
            id {{ID}},
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('administrator', 'editor', 'focal_point')),
            organisation_id BIGINT,
            disabled BOOLEAN NOT NULL DEFAULT FALSE,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX sessions_by_user ON sessions (user_id)",
        """
        CREATE TABLE login_attempts (
            id {{ID}},
            email TEXT NOT NULL,
            address TEXT NOT NULL,
            succeeded BOOLEAN NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX login_attempts_by_email ON login_attempts (email, at)",
        "CREATE INDEX login_attempts_by_address ON login_attempts (address, at)",
        """
        CREATE TABLE password_resets (
            token_hash TEXT PRIMARY KEY,
            user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            expires_at BIGINT NOT NULL,
            used_at BIGINT
        )
        """,
    ])

    static let files_and_media = Migration("2026-11-29-02-files-and-media", [
        """
        CREATE TABLE files (
            id {{ID}},
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            byte_size BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            data {{BLOB}} NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE media (
            id {{ID}},
            file_id BIGINT NOT NULL REFERENCES files(id),
            kind TEXT NOT NULL CHECK (kind IN ('image', 'document', 'video', 'audio')),
            title TEXT NOT NULL DEFAULT '',
            alt_text TEXT NOT NULL DEFAULT '',
            credit TEXT NOT NULL DEFAULT '',
            width INTEGER,
            height INTEGER,
            shows_identifiable_children BOOLEAN NOT NULL DEFAULT FALSE,
            consent_on_file BOOLEAN NOT NULL DEFAULT FALSE,
            uploaded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL
        )
        """,
    ])

    static let site = Migration("2026-11-29-03-site", [
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE key_facts (
            id {{ID}},
            {{CONTENT}},
            headline TEXT NOT NULL,
            figure TEXT NOT NULL DEFAULT '',
            source_name TEXT NOT NULL,
            source_url TEXT NOT NULL DEFAULT '',
            source_year INTEGER NOT NULL,
            reviewed_at BIGINT,
            {{CONTENT_KEYS}}
        )
        """,
        """
        CREATE TABLE hero_slides (
            id {{ID}},
            {{CONTENT}},
            fact_id BIGINT REFERENCES key_facts(id) ON DELETE SET NULL,
            headline TEXT NOT NULL DEFAULT '',
            image_id BIGINT NOT NULL REFERENCES media(id),
            link_url TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            featured_until BIGINT,
            {{CONTENT_KEYS}}
        )
        """,
        """
        CREATE TABLE pages (
            id {{ID}},
            {{CONTENT}},
            title TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            menu TEXT NOT NULL DEFAULT '' CHECK (menu IN ('', 'main', 'footer')),
            menu_position INTEGER NOT NULL DEFAULT 0,
            {{CONTENT_KEYS}}
        )
        """,
        """
        CREATE TABLE redirects (
            from_path TEXT PRIMARY KEY,
            to_path TEXT NOT NULL DEFAULT '',
            status_code INTEGER NOT NULL DEFAULT 301 CHECK (status_code IN (301, 308, 410))
        )
        """,
    ])

    static let directory = Migration("2026-11-29-04-directory", [
        """
        CREATE TABLE regions (
            id {{ID}},
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('region', 'country')),
            parent_id BIGINT REFERENCES regions(id)
        )
        """,
        """
        CREATE TABLE topics (
            id {{ID}},
            lang TEXT NOT NULL DEFAULT 'en',
            translation_group TEXT NOT NULL,
            slug TEXT NOT NULL,
            name TEXT NOT NULL,
            parent_id BIGINT REFERENCES topics(id) ON DELETE SET NULL,
            UNIQUE (lang, slug),
            UNIQUE (translation_group, lang)
        )
        """,
        """
        CREATE TABLE organisations (
            id {{ID}},
            {{CONTENT}},
            name TEXT NOT NULL,
            short_name TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL CHECK (kind IN ('ngo', 'un_agency', 'network', 'foundation', 'academia', 'government', 'other')),
            country_code TEXT NOT NULL DEFAULT '',
            website TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            logo_id BIGINT REFERENCES media(id),
            steering_committee BOOLEAN NOT NULL DEFAULT FALSE,
            member_since INTEGER,
            {{CONTENT_KEYS}}
        )
        """,
        """
        CREATE TABLE affiliates (
            id {{ID}},
            {{CONTENT}},
            name TEXT NOT NULL,
            country_code TEXT NOT NULL,
            lead_organisation TEXT NOT NULL,
            contact_name TEXT NOT NULL DEFAULT '',
            contact_email TEXT NOT NULL DEFAULT '',
            website TEXT NOT NULL DEFAULT '',
            {{CONTENT_KEYS}}
        )
        """,
        """
        CREATE TABLE people (
            id {{ID}},
            {{CONTENT}},
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            organisation_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
            bio TEXT NOT NULL DEFAULT '',
            photo_id BIGINT REFERENCES media(id),
            team TEXT NOT NULL DEFAULT '' CHECK (team IN ('', 'secretariat', 'steering_committee')),
            position INTEGER NOT NULL DEFAULT 0,
            {{CONTENT_KEYS}}
        )
        """,
    ])

    static let knowledge_hub = Migration("2026-11-29-05-knowledge-hub", [
        """
        CREATE TABLE resources (
            id {{ID}},
            {{CONTENT}},
            title TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('research_paper', 'research_brief', 'report', 'toolkit', 'case_study',
                'success_story', 'guidance', 'video', 'infographic')),
            summary TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            cover_image_id BIGINT REFERENCES media(id),
            published_on TEXT NOT NULL,
            series_name TEXT NOT NULL DEFAULT '',
            series_number TEXT NOT NULL DEFAULT '',
            external_url TEXT NOT NULL DEFAULT '',
            featured BOOLEAN NOT NULL DEFAULT FALSE,
            featured_until BIGINT,
            citation TEXT NOT NULL DEFAULT '',
            {{CONTENT_KEYS}}
        )
        """,
        "CREATE INDEX resources_listing ON resources (lang, status, published_on)",
        """
        CREATE TABLE resource_files (
            id {{ID}},
            resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
            file_id BIGINT NOT NULL REFERENCES files(id),
            language TEXT NOT NULL DEFAULT 'en',
            label TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE resource_authors (
            resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (resource_id, position)
        )
        """,
        """
        CREATE TABLE resource_organisations (
            resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
            organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
            PRIMARY KEY (resource_id, organisation_id)
        )
        """,
        """
        CREATE TABLE resource_topics (
            resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
            topic_id BIGINT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            PRIMARY KEY (resource_id, topic_id)
        )
        """,
        """
        CREATE TABLE resource_regions (
            resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
            region_id BIGINT NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
            PRIMARY KEY (resource_id, region_id)
        )
        """,
        """
        CREATE TABLE resource_languages (
            resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            PRIMARY KEY (resource_id, language)
        )
        """,
    ])

    static let events = Migration("2026-11-29-06-events", [
        """
        CREATE TABLE event_series (
            id {{ID}},
            {{CONTENT}},
            title TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            {{CONTENT_KEYS}}
        )
        """,
        """
        CREATE TABLE events (
            id {{ID}},
            {{CONTENT}},
            series_id BIGINT REFERENCES event_series(id) ON DELETE SET NULL,
            title TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            starts_at BIGINT NOT NULL,
            ends_at BIGINT NOT NULL,
            time_zone TEXT NOT NULL,
            online BOOLEAN NOT NULL DEFAULT TRUE,
            venue TEXT NOT NULL DEFAULT '',
            online_url TEXT NOT NULL DEFAULT '',
            registration TEXT NOT NULL DEFAULT 'none' CHECK (registration IN ('none', 'builtin', 'external')),
            registration_url TEXT NOT NULL DEFAULT '',
            capacity INTEGER,
            registration_closes_at BIGINT,
            recording_url TEXT NOT NULL DEFAULT '',
            recording_poster_id BIGINT REFERENCES media(id),
            captions_url TEXT NOT NULL DEFAULT '',
            transcript TEXT NOT NULL DEFAULT '',
            cover_image_id BIGINT REFERENCES media(id),
            featured_until BIGINT,
            CHECK (ends_at >= starts_at),
            {{CONTENT_KEYS}}
        )
        """,
        "CREATE INDEX events_by_start ON events (lang, status, starts_at)",
        """
        CREATE TABLE event_speakers (
            id {{ID}},
            event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE event_files (
            event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            file_id BIGINT NOT NULL REFERENCES files(id),
            label TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (event_id, file_id)
        )
        """,
        """
        CREATE TABLE event_resources (
            event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, resource_id)
        )
        """,
        """
        CREATE TABLE registrations (
            id {{ID}},
            event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            token TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'cancelled')),
            created_at BIGINT NOT NULL,
            UNIQUE (event_id, email)
        )
        """,
    ])

    static let vacancies_and_blog = Migration("2026-11-29-07-vacancies-and-blog", [
        """
        CREATE TABLE vacancies (
            id {{ID}},
            {{CONTENT}},
            title TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('consultancy', 'job', 'internship', 'volunteer')),
            organisation_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
            organisation_name TEXT NOT NULL DEFAULT '',
            location TEXT NOT NULL DEFAULT '',
            remote BOOLEAN NOT NULL DEFAULT FALSE,
            summary TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            terms_file_id BIGINT REFERENCES files(id),
            deadline_at BIGINT NOT NULL,
            deadline_zone TEXT NOT NULL,
            apply_email TEXT NOT NULL DEFAULT '',
            apply_subject TEXT NOT NULL DEFAULT '',
            apply_url TEXT NOT NULL DEFAULT '',
            featured_until BIGINT,
            {{CONTENT_KEYS}}
        )
        """,
        "CREATE INDEX vacancies_by_deadline ON vacancies (lang, status, deadline_at)",
        """
        CREATE TABLE blog_posts (
            id {{ID}},
            {{CONTENT}},
            title TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            author_person_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
            author_organisation_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
            byline TEXT NOT NULL DEFAULT '',
            contributor_credit TEXT NOT NULL DEFAULT '',
            series_name TEXT NOT NULL DEFAULT '',
            cover_image_id BIGINT REFERENCES media(id),
            featured_until BIGINT,
            {{CONTENT_KEYS}}
        )
        """,
        "CREATE INDEX blog_posts_by_date ON blog_posts (lang, status, publish_at)",
        """
        CREATE TABLE blog_post_topics (
            post_id BIGINT NOT NULL REFERENCES blog_posts(id) ON DELETE CASCADE,
            topic_id BIGINT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
            PRIMARY KEY (post_id, topic_id)
        )
        """,
    ])

    static let public_input = Migration("2026-11-29-08-public-input", [
        """
        CREATE TABLE contributions (
            id {{ID}},
            reference TEXT NOT NULL UNIQUE,
            status_token TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('insight', 'case_study', 'success_story', 'idea', 'tool', 'research', 'event', 'news')),
            title TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            links TEXT NOT NULL DEFAULT '',
            country_code TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            consent_to_publish BOOLEAN NOT NULL,
            privacy_accepted BOOLEAN NOT NULL,
            language TEXT NOT NULL DEFAULT 'en',
            status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'changes_requested', 'accepted', 'declined')),
            editor_message TEXT NOT NULL DEFAULT '',
            result_type TEXT NOT NULL DEFAULT '',
            result_id BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE contribution_files (
            contribution_id BIGINT NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
            file_id BIGINT NOT NULL REFERENCES files(id),
            PRIMARY KEY (contribution_id, file_id)
        )
        """,
        """
        CREATE TABLE contact_messages (
            id {{ID}},
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL,
            handled BOOLEAN NOT NULL DEFAULT FALSE,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE subscribers (
            id {{ID}},
            email TEXT NOT NULL UNIQUE,
            language TEXT NOT NULL DEFAULT 'en',
            topics TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
            confirm_token TEXT NOT NULL UNIQUE,
            unsubscribe_token TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            confirmed_at BIGINT,
            unsubscribed_at BIGINT
        )
        """,
    ])

    /// An event may belong to a member organisation, so its focal point can propose it and the
    /// member's page can list it.
    static let event_organisations = Migration("2026-11-29-10-event-organisations", [
        "ALTER TABLE events ADD COLUMN organisation_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL",
        "CREATE INDEX events_by_organisation ON events (organisation_id)",
    ])

    static let operations = Migration("2026-11-29-09-operations", [
        """
        CREATE TABLE audit_log (
            id {{ID}},
            user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
            action TEXT NOT NULL,
            item_type TEXT NOT NULL,
            item_id BIGINT,
            summary TEXT NOT NULL DEFAULT '',
            at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE revisions (
            id {{ID}},
            item_type TEXT NOT NULL,
            item_id BIGINT NOT NULL,
            data TEXT NOT NULL,
            user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX revisions_by_item ON revisions (item_type, item_id, at)",
        """
        CREATE TABLE mail_outbox (
            id {{ID}},
            to_address TEXT NOT NULL,
            subject TEXT NOT NULL,
            body_text TEXT NOT NULL,
            headers TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            last_error TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            sent_at BIGINT
        )
        """,
        "CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)",
        """
        CREATE TABLE content_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version BIGINT NOT NULL
        )
        """,
        "INSERT INTO content_version (id, version) VALUES (1, 1)",
    ])
}
