//! Unit tests for matching and resolution, on the small fixture data set.

use super::fixture;
use super::{who_held, who_may_have_held, Gazetteer, Target};
use crate::corpus::{DatePrecision, ParsedDate, Party, Role};

/// Built once: the automaton is the slow part, and proptest asks hundreds of times.
fn gaz() -> &'static Gazetteer {
    static GAZ: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    GAZ.get_or_init(|| match Gazetteer::new(&fixture::data()) {
        Ok(g) => g,
        Err(e) => panic!("{e:#}"),
    })
}

/// (surface, key) of each mention, in order. Checks on the way that each
/// mention's `index` points at its key in the reference data: the seeder
/// turns the index, not the key, into a row id.
fn found(g: &Gazetteer, body: &str, date: Option<&str>) -> Vec<(String, String)> {
    let (mentions, _) = g.find_mentions(body, 1, date);
    let data = fixture::data();
    mentions
        .into_iter()
        .map(|m| {
            let (key, at_index) = match m.target {
                Target::Person(k) => (k, &data.persons[m.index].id),
                Target::Country(k) => (k, &data.countries[m.index].id),
            };
            assert_eq!(&key, at_index, "index of {} points elsewhere", m.surface);
            (m.surface, key)
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// SQLite's `substr(body, char_start + 1, char_end - char_start)`.
fn substr(body: &str, start: usize, end: usize) -> String {
    body.chars().skip(start).take(end - start).collect()
}

#[test]
fn possessive_with_modifier_letter_apostrophe() {
    let g = gaz();
    let body = "Molotovʹs reply and Germany's note and the Turks' answer";
    assert_eq!(
        found(g, body, Some("1940-01-01")),
        pairs(&[
            ("Molotov", "molotov"),
            ("Germany", "germany"),
            ("Turks", "turkey")
        ])
    );
}

#[test]
fn glued_footnote_digits_end_a_word() {
    let g = gaz();
    assert_eq!(
        found(
            g,
            "talks with England129 and Japan.21 then Iran2x",
            Some("1939-01-01")
        ),
        pairs(&[("England", "great_britain"), ("Japan", "japan")])
    );
}

#[test]
fn word_boundaries_are_enforced() {
    let g = gaz();
    // Letters glued on either side, and a capitalised name inside another word.
    assert!(found(
        g,
        "Germanyx xGermany Turkeys Sweden Iranian",
        Some("1939-01-01")
    )
    .is_empty());
    // Hyphens and quotes are boundaries; U+02BA is a quote, not a letter.
    assert_eq!(
        found(g, "the Soviet‐German pact and ʺTurkeyʺ", Some("1939-01-01")),
        pairs(&[("German", "germany"), ("Turkey", "turkey")])
    );
}

#[test]
fn lowercase_country_names_match_but_exact_aliases_keep_case() {
    let g = gaz();
    assert_eq!(
        found(
            g,
            "relations with japan, china and the middle east; let us see the US",
            Some("1940-12-27")
        ),
        pairs(&[
            ("japan", "japan"),
            ("china", "china"),
            ("middle east", "middle_east"),
            ("US", "united_states")
        ])
    );
    // The translation prints names in lower case: person aliases match them.
    assert_eq!(
        found(g, "maisky and iden", None),
        pairs(&[("maisky", "maisky"), ("iden", "eden")])
    );
}

#[test]
fn ordinary_words_in_lower_case_need_evidence() {
    let g = gaz();
    // The other side of the common-word list: the garden, the bird, the porcelain.
    assert!(found(g, "the garden of eden was green", None).is_empty());
    assert!(found(
        g,
        "roast turkey was served on fine china plates",
        Some("1939-01-01")
    )
    .is_empty());
    // With evidence they are names: a possessive, a title, a list, a preposition.
    assert_eq!(
        found(g, "edenʹs reply; mr. eden", None),
        pairs(&[("eden", "eden"), ("eden", "eden")])
    );
    assert_eq!(
        found(g, "relations with turkey.", Some("1939-01-01")),
        pairs(&[("turkey", "turkey")])
    );
    assert_eq!(
        found(g, "Germany and turkey", Some("1939-01-01")),
        pairs(&[("Germany", "germany"), ("turkey", "turkey")])
    );
    // Capitalised, they need nothing.
    assert_eq!(found(g, "Eden said", None), pairs(&[("Eden", "eden")]));
}

#[test]
fn date_dependent_country_aliases() {
    let g = gaz();
    assert_eq!(
        found(g, "Turkey", Some("1921-08-28")),
        pairs(&[("Turkey", "gna")])
    );
    assert_eq!(
        found(g, "Turkey", Some("1939-08-28")),
        pairs(&[("Turkey", "turkey")])
    );
    // Undated: the name still valid at the end wins.
    assert_eq!(found(g, "Turkey", None), pairs(&[("Turkey", "turkey")]));
    // A former name used after the rename still means the one country.
    assert_eq!(
        found(g, "Persia", Some("1938-01-01")),
        pairs(&[("Persia", "iran")])
    );
}

#[test]
fn shared_surname_resolved_by_date_then_context_else_warned() {
    let g = gaz();
    assert_eq!(
        found(g, "Chamberlain said", Some("1927-03-01")),
        pairs(&[("Chamberlain", "chamberlain_austen")])
    );
    // Context: the full name elsewhere in the body settles the surname.
    assert_eq!(
        found(
            g,
            "Chamberlain said that Austen Chamberlain",
            Some("1939-03-01")
        ),
        pairs(&[
            ("Chamberlain", "chamberlain_austen"),
            ("Austen Chamberlain", "chamberlain_austen")
        ])
    );
    // Austen died in 1937: in 1939 only Neville can be meant.
    assert_eq!(
        found(g, "Chamberlain said", Some("1939-03-01")),
        pairs(&[("Chamberlain", "chamberlain_neville")])
    );
    // Initials printed before the surname decide.
    assert_eq!(
        found(g, "A. Chamberlain said", Some("1935-03-01")),
        pairs(&[("Chamberlain", "chamberlain_neville")])
    );
    // In 1935 both were alive and neither held an office the data knows.
    let body = "First line.\nThen\nChamberlain spoke.";
    let (m, w) = g.find_mentions(body, 40, Some("1935-03-01"));
    assert!(m.is_empty());
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].code, "ambiguous_name");
    assert_eq!(w[0].line, 42);
    assert!(
        w[0].message
            .contains("chamberlain_austen, chamberlain_neville"),
        "{}",
        w[0].message
    );
    // Ivanova: the inflected Ivanov or the woman; nothing tells.
    let (m, w) = g.find_mentions("Ivanova", 1, Some("1939-03-01"));
    assert!(m.is_empty() && w.len() == 1);
}

#[test]
fn offsets_are_characters_of_the_original_body() {
    let g = gaz();
    let body = "Atatürk’s  «ally»\u{00A0}Great\u{00A0}\u{00A0}Britain’s and peopleʹs Iden";
    let (m, _) = g.find_mentions(body, 1, Some("1937-01-01"));
    assert_eq!(m.len(), 2);
    for x in &m {
        assert_eq!(substr(body, x.char_start, x.char_end), x.surface);
    }
    assert_eq!(m[0].surface, "Great\u{00A0}\u{00A0}Britain");
    assert_eq!(m[1].surface, "Iden");
    assert_eq!(m[1].target, Target::Person("eden".into()));
}

#[test]
fn longest_alias_wins_and_shorter_retried_on_case() {
    let g = gaz();
    // `Soviet Union` beats nothing shorter; `Great Britain` beats `Britain` (none); RSFSR exact.
    assert_eq!(
        found(g, "the Soviet Union and I. M. Maisky", Some("1940-01-01")),
        pairs(&[("Soviet Union", "ussr"), ("I. M. Maisky", "maisky")])
    );
}

fn party(role: Role, text: &str, position: Option<&str>, name: Option<&str>) -> Party {
    Party {
        role,
        text: text.to_string(),
        position: position.map(str::to_string),
        name: name.map(str::to_string),
        line: 3,
    }
}

fn day(iso: &str) -> ParsedDate {
    ParsedDate {
        text: iso.to_string(),
        from: iso.to_string(),
        to: iso.to_string(),
        precision: DatePrecision::Day,
        line: 5,
    }
}

#[test]
fn party_with_garbled_initials_and_title() {
    let g = gaz();
    let p = party(
        Role::Author,
        "the people's commissar for foreign affairs of the USSR m. M. Litvinov",
        Some("people's commissar for foreign affairs of the USSR"),
        Some("m. M. Litvinov"),
    );
    let r = g.resolve_party(&p, Some(&day("1935-04-01")));
    assert_eq!(r.person.as_deref(), Some("litvinov"));
    let pos = r.position.map(|i| g.data().positions[i].clone());
    assert_eq!(
        pos.map(|p| (p.office_id, p.person_id)),
        Some(("commissar_foreign_affairs".into(), "litvinov".into()))
    );
    assert!(r.warnings.is_empty());
}

#[test]
fn party_title_only_resolves_to_holder_on_the_date() {
    let g = gaz();
    let p = party(
        Role::Recipient,
        "the plenipotentiary representative of the USSR in Turkey",
        Some("plenipotentiary representative of the USSR in Turkey"),
        None,
    );
    let r = g.resolve_party(&p, Some(&day("1936-05-01")));
    assert_eq!(r.person.as_deref(), Some("karakhan"));
    let r = g.resolve_party(&p, Some(&day("1939-05-01")));
    assert_eq!(r.person.as_deref(), Some("terentyev"));
    // Only possibly Karakhan (`to 1937`): resolved, but said out loud.
    let r = g.resolve_party(&p, Some(&day("1937-12-01")));
    assert_eq!(r.person.as_deref(), Some("karakhan"));
    assert_eq!(r.warnings.first().map(|w| w.code), Some("uncertain_holder"));
    // Nobody on this day (Karakhan left in 1937, Terentyev came in
    // February 1938): a warning, not a guess.
    let r = g.resolve_party(&p, Some(&day("1938-01-15")));
    assert_eq!(r.person, None);
    assert_eq!(r.warnings.first().map(|w| w.code), Some("unresolved_party"));
    // RSFSR commissioner (mistranslation) in 1922.
    let p = party(
        Role::Author,
        "people's commissioner for foreign affairs of the RSFSR",
        Some("people's commissioner for foreign affairs of the RSFSR"),
        None,
    );
    assert_eq!(
        g.resolve_party(&p, Some(&day("1922-03-01")))
            .person
            .as_deref(),
        Some("chicherin")
    );
}

#[test]
fn party_name_left_inside_the_position_resolves() {
    let g = gaz();
    let whole = |text: &str| party(Role::Author, text, Some(text), None);
    // The name the parser left in the position, and the office it held.
    let r = g.resolve_party(
        &whole("the plenipotentiary representative of the USSR in Turkey Karakhan"),
        Some(&day("1936-05-01")),
    );
    assert_eq!(r.person.as_deref(), Some("karakhan"));
    let pos = r.position.map(|i| g.data().positions[i].person_id.clone());
    assert_eq!(pos.as_deref(), Some("karakhan"));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // The person named wins over the holder of the office that day, with
    // the mismatch said out loud.
    let r = g.resolve_party(
        &whole("the plenipotentiary representative of the USSR in Turkey I. M. Maisky."),
        Some(&day("1936-05-01")),
    );
    assert_eq!(r.person.as_deref(), Some("maisky"));
    assert_eq!(r.position, None);
    let codes: Vec<&str> = r.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, ["position_not_found"]);
    // A phrase that is only a name.
    let r = g.resolve_party(&whole("Austen Chamberlain"), None);
    assert_eq!(r.person.as_deref(), Some("chamberlain_austen"));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // An alias inside the phrase, not at its end, is no name of the party.
    let r = g.resolve_party(
        &whole("the plenipotentiary representative of the USSR in Turkey under Karakhan here"),
        Some(&day("1938-01-15")),
    );
    assert_eq!(r.person, None);
}

#[test]
fn party_institutions_and_unresolvable() {
    let g = gaz();
    for (text, key) in [
        ("NKID of the USSR", "nkid"),
        ("general secretariat", "general_secretariat"),
    ] {
        let r = g.resolve_party(
            &party(Role::Recipient, text, None, Some(text)),
            Some(&day("1940-01-01")),
        );
        assert_eq!(r.institution.as_deref(), Some(key), "{text}");
        assert_eq!(r.person, None);
    }
    let r = g.resolve_party(
        &party(
            Role::Recipient,
            "the people's commissariat of foreign affairs of the USSR",
            None,
            None,
        ),
        Some(&day("1940-01-01")),
    );
    assert_eq!(r.institution.as_deref(), Some("nkid"));
    let r = g.resolve_party(
        &party(Role::Author, "Zzyzx Qwerty", None, Some("Zzyzx Qwerty")),
        None,
    );
    assert_eq!((r.person, r.institution), (None, None));
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].code, "unresolved_party");
    assert_eq!(r.warnings[0].line, 3);
}

#[test]
fn party_shared_surname_settled_by_office() {
    let g = gaz();
    let p = party(
        Role::Participant,
        "the foreign secretary Chamberlain",
        Some("foreign secretary"),
        Some("Chamberlain"),
    );
    let r = g.resolve_party(&p, Some(&day("1927-01-01")));
    assert_eq!(r.person.as_deref(), Some("chamberlain_austen"));
    let r = g.resolve_party(
        &party(Role::Participant, "Chamberlain", None, Some("Chamberlain")),
        Some(&day("1939-01-01")),
    );
    assert_eq!(r.person, None);
    assert_eq!(r.warnings.len(), 1);
}

#[test]
fn who_held_uses_predecessors_and_coarse_dates() {
    let d = fixture::data();
    let holder = |office: &str, country: &str, host: Option<&str>, date: &str| {
        who_held(&d, office, country, host, date).map(|i| d.positions[i].person_id.clone())
    };
    // RSFSR commissar asked for as the USSR's.
    assert_eq!(
        holder("commissar_foreign_affairs", "ussr", None, "1922-01-01").as_deref(),
        Some("chicherin")
    );
    assert_eq!(
        holder("commissar_foreign_affairs", "ussr", None, "1935-01-01").as_deref(),
        Some("litvinov")
    );
    assert_eq!(
        holder("commissar_foreign_affairs", "ussr", None, "1941-01-01").as_deref(),
        Some("molotov")
    );
    // `to 1934` / `from 1934`: on 1 January the outgoing envoy certainly held it.
    assert_eq!(
        holder("envoy", "ussr", Some("turkey"), "1934-01-01").as_deref(),
        Some("surits")
    );
    // Mid-1934 the data cannot tell: no answer rather than a guess.
    assert_eq!(holder("envoy", "ussr", Some("turkey"), "1934-06-01"), None);
    // `1934 to 1937`: in December 1937 Karakhan possibly, not certainly, held it.
    assert_eq!(holder("envoy", "ussr", Some("turkey"), "1937-12-01"), None);
    let maybe = who_may_have_held(&d, "envoy", "ussr", Some("turkey"), "1937-12-01");
    assert_eq!(
        maybe.map(|i| d.positions[i].person_id.as_str()),
        Some("karakhan")
    );
    assert_eq!(holder("envoy", "ussr", Some("turkey"), "1938-01-01"), None);
    assert_eq!(holder("envoy", "ussr", Some("turkey"), "not a date"), None);
    // Austria's successor is Germany, but the envoy in Vienna was never the
    // envoy in Germany.
    assert_eq!(
        holder("envoy", "ussr", Some("austria"), "1932-01-01").as_deref(),
        Some("ivanov")
    );
    assert_eq!(holder("envoy", "ussr", Some("germany"), "1932-01-01"), None);
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    const ALIASES: &[&str] = &[
        "Molotov",
        "Iden",
        "Turkey",
        "japan",
        "Great Britain",
        "Persia",
        "Suritsa",
        "Soviet Union",
        "Balkans",
        "US",
    ];
    const FILLER: &[&str] = &[
        " ",
        "  ",
        "\n",
        "ʹs ",
        "’ ",
        "é",
        "Ü",
        "ʺ",
        "‐",
        "129 ",
        ". ",
        "peopleʹs ",
        "\u{00A0}",
        "x",
        "the ",
        "«",
        "文",
    ];

    proptest! {
        #[test]
        fn every_mention_slices_to_its_surface(parts in proptest::collection::vec((0..FILLER.len(), 0..ALIASES.len(), any::<bool>()), 0..30)) {
            let g = gaz();
            let mut body = String::new();
            for (f, a, with_alias) in parts {
                body.push_str(FILLER[f]);
                if with_alias {
                    body.push_str(ALIASES[a]);
                }
            }
            let (mentions, _) = g.find_mentions(&body, 1, Some("1930-01-01"));
            for m in &mentions {
                prop_assert!(m.char_start < m.char_end);
                prop_assert_eq!(substr(&body, m.char_start, m.char_end), m.surface.clone());
            }
        }

        #[test]
        fn never_panics_on_any_text(body in "\\PC{0,200}") {
            let g = gaz();
            let (mentions, _) = g.find_mentions(&body, 1, None);
            for m in &mentions {
                prop_assert_eq!(substr(&body, m.char_start, m.char_end), m.surface.clone());
            }
        }
    }
}

#[test]
fn fields_and_reasons_store_their_snake_case_names() {
    use super::{Field, Unresolved};
    let fields = [
        Field::Heading,
        Field::Distribution,
        Field::Body,
        Field::Signature,
        Field::Footnote(3),
    ];
    assert_eq!(
        fields.map(Field::as_str),
        ["heading", "distribution", "body", "signature", "footnote"]
    );
    assert_eq!(
        [Unresolved::Unknown, Unresolved::Ambiguous].map(Unresolved::as_str),
        ["unknown", "ambiguous"]
    );
}
