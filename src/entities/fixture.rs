//! A small reference data set, written for the unit tests (not real data
//! to rely on: only enough to exercise every matching rule).

use crate::reference::load::from_files;
use crate::reference::ReferenceData;

pub const COUNTRIES: &str = "\
id,name,kind,exists_from,exists_to,successor_id,parent_id,note
rsfsr,RSFSR,state,1917-11-07,1922-12-29,ussr,,
ussr,USSR,state,1922-12-30,,,,
gna,Grand National Assembly government,state,1920-04-23,1923-10-28,turkey,,
turkey,Republic of Turkey,state,1923-10-29,,,,
iran,Iran,state,,,,,Persia until 1935
germany,Germany,state,,,,,
austria,Austria,state,1918-11-12,1938-03-13,germany,,annexed by Germany
great_britain,Great Britain,state,,,,,
united_states,United States,state,,,,,
japan,Japan,state,,,,,
china,China,state,,,,,
balkans,the Balkans,region,,,,,
middle_east,the Middle East,region,,,,,
";

pub const COUNTRY_ALIASES: &str = "\
country_id,alias,kind,match,valid_from,valid_to
gna,Turkey,short,any_case,1920-04-23,1923-10-28
turkey,Turkey,short,any_case,1923-10-29,
turkey,Turkish,adjective,any_case,,
turkey,Turks,demonym,any_case,,
gna,Angora government,variant,,,
iran,Persia,former_name,any_case,,1935
iran,Iran,name,any_case,,
iran,Persian,adjective,any_case,,
germany,Germany,name,,,
germany,German,adjective,,,
great_britain,Great Britain,name,,,
great_britain,England,short,,,
great_britain,British,adjective,,,
united_states,US,abbreviation,exact,,
japan,Japan,name,,,
china,China,name,,,
ussr,USSR,abbreviation,,,
ussr,Soviet Union,name,,,
rsfsr,RSFSR,abbreviation,,,
balkans,Balkans,name,,,
balkans,Balkan,adjective,,,
middle_east,middle east,name,,,
";

pub const PERSONS: &str = "\
id,name,surname,given_names,born,died,country_id,description,note
maisky,Ivan Maisky,Maisky,Ivan Mikhailovich,1884,1975,ussr,Soviet envoy in London,
eden,Anthony Eden,Eden,Robert Anthony,1897,1977,great_britain,British foreign secretary,
chamberlain_austen,Austen Chamberlain,Chamberlain,Joseph Austen,1863,1937,great_britain,British foreign secretary,
chamberlain_neville,Neville Chamberlain,Chamberlain,Arthur Neville,1869,1940,great_britain,British prime minister,
molotov,Vyacheslav Molotov,Molotov,Vyacheslav Mikhailovich,1890,1986,ussr,People's commissar,
litvinov,Maxim Litvinov,Litvinov,Maxim Maximovich,1876,1951,ussr,People's commissar,
chicherin,Georgy Chicherin,Chicherin,Georgy Vasilyevich,1872,1936,rsfsr,People's commissar,
surits,Yakov Surits,Surits,Yakov Zakharovich,1882,1952,ussr,Envoy in Turkey,
karakhan,Lev Karakhan,Karakhan,Lev Mikhailovich,1889,1937,ussr,Envoy in Turkey,
terentyev,Alexei Terentyev,Terentyev,Alexei Vasilyevich,1898,,ussr,Envoy in Turkey,
aras,Tevfik Rüştü Aras,Aras,Tevfik Rüştü,1883,1972,turkey,Turkish foreign minister,
ivanov,Ivan Ivanov,Ivanov,,,,ussr,Counsellor,
ivanova,Anna Ivanova,Ivanova,,,,ussr,Typist,
";

pub const PERSON_ALIASES: &str = "\
person_id,alias,kind,match
maisky,Maisky,surname,
eden,Eden,surname,
molotov,Molotov,surname,
litvinov,Litvinov,surname,
chicherin,Chicherin,surname,
surits,Surits,surname,
karakhan,Karakhan,surname,
terentyev,Terentyev,surname,
aras,Aras,surname,
ivanov,Ivanov,surname,
maisky,Maiskogo,inflected,
maisky,I. M. Maisky,initials,
eden,Iden,phonetic,
eden,A. Iden,initials,
chamberlain_austen,Chamberlain,surname,
chamberlain_neville,Chamberlain,surname,
chamberlain_austen,Austen Chamberlain,name,
molotov,V. M. Molotov,initials,
surits,Suritsa,inflected,
terentyev,Tereityeva,inflected,
terentyev,Terentyeva,inflected,
ivanov,Ivanova,inflected,
ivanova,Ivanova,surname,
";

pub const INSTITUTIONS: &str = "\
id,name,country_id,kind,note
nkid,People's Commissariat of Foreign Affairs,ussr,ministry,
general_secretariat,General Secretariat of the NKID,ussr,secretariat,
";

pub const INSTITUTION_ALIASES: &str = "\
institution_id,alias
nkid,NKID
nkid,NKID of the USSR
nkid,people's commissariat of foreign affairs
general_secretariat,general secretariat
";

pub const OFFICES: &str = "\
id,title,single_holder,description
commissar_foreign_affairs,people's commissar for foreign affairs,1,head of the NKID
envoy,plenipotentiary representative,1,head of a Soviet mission
charge_affaires,charge d'affaires,1,head of a mission in the envoy's absence
foreign_minister,minister of foreign affairs,1,
politburo_member,member of the Politburo,0,
";

pub const OFFICE_ALIASES: &str = "\
office_id,alias
commissar_foreign_affairs,people's commissioner for foreign affairs
commissar_foreign_affairs,people's commissar of foreign affairs
envoy,plenipotentiary
envoy,ambassador
charge_affaires,attorney
charge_affaires,temporary attorney
charge_affaires,chargé d'affaires
foreign_minister,foreign minister
foreign_minister,foreign secretary
";

pub const POSITIONS: &str = "\
person_id,office_id,title,country_id,host_country_id,date_from,date_to,note
chicherin,commissar_foreign_affairs,people's commissar,rsfsr,,1918-05-30,1923-07-05,
chicherin,commissar_foreign_affairs,people's commissar,ussr,,1923-07-06,1930-07-21,
litvinov,commissar_foreign_affairs,people's commissar,ussr,,1930-07-21,1939-05-03,
molotov,commissar_foreign_affairs,people's commissar,ussr,,1939-05-03,,
molotov,politburo_member,member,ussr,,1926,,
surits,envoy,plenipotentiary representative,ussr,turkey,1923,1934,
karakhan,envoy,plenipotentiary representative,ussr,turkey,1934,1937,
terentyev,envoy,plenipotentiary representative,ussr,turkey,1938-02,1940-08,
maisky,envoy,plenipotentiary representative,ussr,great_britain,1932-10,,
eden,foreign_minister,foreign secretary,great_britain,,1935-12-22,1938-02-20,
eden,foreign_minister,foreign secretary,great_britain,,1940-12-22,,
chamberlain_austen,foreign_minister,foreign secretary,great_britain,,1924-11-06,1929-06-04,
aras,foreign_minister,minister of foreign affairs,turkey,,1925-03-04,1938-11-11,
ivanov,envoy,plenipotentiary representative,ussr,austria,1930,1935,
";

pub const COUNTRY_STATES: &str = "\
place_id,state_id,date_from,date_to,note
austria,germany,1938-03-13,,annexed
";

/// Parses (and validates) the fixture files.
pub fn data_from(parts: [&str; 10]) -> anyhow::Result<ReferenceData> {
    let names = crate::reference::load::FILES;
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .zip(parts.iter())
        .map(|(n, c)| (*n, c.as_bytes()))
        .collect();
    from_files(&files, "fixture")
}

/// The fixture in [`crate::reference::load::FILES`] order.
pub fn parts() -> [&'static str; 10] {
    [
        COUNTRIES,
        COUNTRY_ALIASES,
        COUNTRY_STATES,
        INSTITUTION_ALIASES,
        INSTITUTIONS,
        OFFICE_ALIASES,
        OFFICES,
        PERSON_ALIASES,
        PERSONS,
        POSITIONS,
    ]
}

pub fn data() -> ReferenceData {
    match data_from(parts()) {
        Ok(d) => d,
        Err(e) => panic!("fixture reference data is invalid: {e:#}"),
    }
}
