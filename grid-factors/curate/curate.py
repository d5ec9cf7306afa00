#!/usr/bin/env python3
"""Regenerate co2e's bundled grid-factor tables from shared/reference-data.

Run from the repository root:

    python3 grid-factors/curate/curate.py

Reads  <repo>/../shared/reference-data   (read-only source material)
Writes <repo>/grid-factors/               (normalised tables + SOURCES.md)

Standard library only, deterministic (no clocks, no randomness, sorted output).
Every consistency rule is checked here; the script exits non-zero on any failure.
"""

import csv
import datetime as dt
import hashlib
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
REF = os.path.normpath(os.path.join(REPO, "..", "shared", "reference-data"))
OUT = os.path.join(REPO, "grid-factors")

FACTOR_COLUMNS = ["zone", "year", "g_co2e_per_kwh", "basis", "boundary", "cfe_share", "source", "read"]

# How each source was read (data/README.md, "Every row says how it was read"): primary (the
# publisher's own file or page), copy (a faithful copy: eGRID through the ghgtools package and a
# repository's test data, the Azure list through Green Algorithms), or secondary (coverage only).
SOURCE_READ = {
    "aws-china-docs": "primary", "aws-govcloud-docs": "primary", "aws-regions-docs": "primary",
    "azure-geographies-docs": "primary", "eia930-hpe-dcrl-2022": "copy", "epa-egrid2022": "copy",
    "epa-egrid2023": "copy", "epa-egrid2023-rev2": "copy", "gcp-locations-docs": "primary",
    "google-region-carbon": "primary", "green-algorithms-2022": "copy",
    "neso-carbon-intensity-api": "primary", "owid-ember-2025": "primary",
}

# eGRID2023 rev2 values read so far (issue 30): lb CO2e/MWh x 0.45359237, 3 decimals. The other
# 2023 subregions stay at the first release until their rev2 values are read.
EGRID2023_REV2 = {"eGRID:US": ("770.884", "349.667"), "eGRID:CAMX": ("429.983", "195.037")}
LB_PER_MWH_TO_G_PER_KWH = 0.45359237

ERRORS = []


def fail(msg):
    ERRORS.append(msg)


def die_if_errors():
    if ERRORS:
        for e in ERRORS:
            print("ERROR: " + e, file=sys.stderr)
        sys.exit(1)


def ref(*parts):
    return os.path.join(REF, *parts)


def read_csv(path, skip_lines=0):
    with open(path, newline="", encoding="utf-8") as f:
        for _ in range(skip_lines):
            f.readline()
        return list(csv.DictReader(f))


def write_csv(relpath, header, rows):
    """UTF-8, LF, RFC 4180 minimal quoting, no trailing spaces, no double quotes in fields."""
    for row in rows:
        if len(row) != len(header):
            fail("%s: row has %d fields, header %d: %r" % (relpath, len(row), len(header), row))
        for v in row:
            s = str(v)
            if '"' in s:
                fail("%s: field contains a double quote: %r" % (relpath, s))
            if s != s.strip():
                fail("%s: field has leading/trailing whitespace: %r" % (relpath, s))
            if "\n" in s or "\r" in s:
                fail("%s: field contains a line break: %r" % (relpath, s))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for row in rows:
        w.writerow([str(v) for v in row])
    path = os.path.join(OUT, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    return path


def is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------------------
# 1a. Countries (OWID / Ember)
# ---------------------------------------------------------------------------

OWID_FILE = ("owid-energy-data", "owid_carbon_intensity_elec_2015_2024.csv")

# ISO3 -> ISO2 for codes missing from the comparison/IFI tables.
ISO2_EXTRA = {"HKG": "HK", "MAC": "MO", "GBR": "GB"}

# Preferred English short name where it differs from OWID's entity name
# (OWID's name then becomes an alias).
NAME_OVERRIDE = {
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CIV": "C\u00f4te d'Ivoire",
    "TLS": "Timor-Leste",
    "REU": "R\u00e9union",
}

# Well-known alternative keys (kept modest).  ISO3 and the OWID name are added automatically.
ALIASES_EXTRA = {
    "USA": ["United States of America"],
    "GBR": ["UK", "Great Britain", "Britain"],
    "CZE": ["Czech Republic"],
    "KOR": ["Korea, Republic of", "Republic of Korea"],
    "PRK": ["DPRK"],
    "RUS": ["Russian Federation"],
    "IRN": ["Iran, Islamic Republic of"],
    "VNM": ["Viet Nam"],
    "LAO": ["Lao PDR"],
    "SYR": ["Syrian Arab Republic"],
    "TZA": ["United Republic of Tanzania"],
    "MDA": ["Republic of Moldova"],
    "COD": ["DR Congo", "DRC"],
    "COG": ["Congo-Brazzaville"],
    "CIV": ["Ivory Coast"],
    "CPV": ["Cabo Verde"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia"],
    "TUR": ["T\u00fcrkiye", "Turkiye"],
    "MMR": ["Burma"],
    "ARE": ["UAE"],
    "PSE": ["State of Palestine"],
    "BRN": ["Brunei Darussalam"],
    "HKG": ["Hong Kong SAR"],
    "MAC": ["Macau"],
    "NLD": ["The Netherlands"],
    "VIR": ["US Virgin Islands"],
}


def iso_tables():
    """ISO3 -> ISO2. The comparison table wins; the IFI table only fills gaps (it has known errors,
    e.g. Canary Islands and Cayman Islands both carry CYM)."""
    m = {}
    for r in read_csv(ref("comparisons", "country_intensity_comparison.csv")):
        if r["iso3"] and r["iso2"]:
            m[r["iso3"]] = r["iso2"]
    for r in read_csv(ref("ifi-harmonized-grid-factors", "ifi_default_grid_factors_2021_v3.1.csv")):
        if r["iso3"] and r["iso2"] and r["iso3"] not in m:
            m[r["iso3"]] = r["iso2"]
    for k, v in ISO2_EXTRA.items():
        if k in m and m[k] != v:
            fail("ISO2 conflict for %s" % k)
        m[k] = v
    return m


def build_countries():
    rows_in = read_csv(ref(*OWID_FILE))
    iso2 = iso_tables()
    factor_rows = {}
    zones = {}
    skipped_empty = []
    zero_rows = []
    by_entity = {}
    for r in rows_in:
        by_entity.setdefault(r["country"], {})[int(r["year"])] = r["carbon_intensity_elec_gco2e_per_kwh"]

    def add(zone, year, value, entity):
        if not (2015 <= year <= 2024):
            return
        if value == "":
            skipped_empty.append((entity, year))
            return
        if not is_number(value):
            fail("OWID non-numeric value %r for %s %d" % (value, entity, year))
            return
        if float(value) < 0:
            fail("OWID negative value for %s %d" % (entity, year))
        if float(value) == 0:
            zero_rows.append((zone, year, value))
        key = (zone, year)
        if key in factor_rows:
            fail("duplicate countries row %r" % (key,))
        factor_rows[key] = [zone, year, value, "lifecycle", "production", "", "owid-ember-2025"]

    countries_seen = {}
    for r in rows_in:
        iso3 = r["iso_code"]
        entity = r["country"]
        year = int(r["year"])
        if entity == "Kosovo" or iso3 == "OWID_KOS":
            zone, code3 = "XK", None
        elif iso3 and not iso3.startswith("OWID_"):
            if iso3 not in iso2:
                fail("no ISO2 for %s (%s)" % (iso3, entity))
                continue
            zone, code3 = iso2[iso3], iso3
        else:
            continue  # aggregates handled below
        if len(zone) != 2 or not zone.isalpha() or not zone.isupper():
            fail("bad ISO2 %r for %s" % (zone, entity))
        prev = countries_seen.get(zone)
        if prev and prev != (code3, entity):
            fail("two OWID entities map to %s: %r %r" % (zone, prev, (code3, entity)))
        countries_seen[zone] = (code3, entity)
        add(zone, year, r["carbon_intensity_elec_gco2e_per_kwh"], entity)

    # World
    for year, v in sorted(by_entity["World"].items()):
        add("WORLD", year, v, "World")

    # EU-27: OWID "European Union (27)"; its 2024 cell is empty while Ember's own EU-27 aggregate
    # ("EU (Ember)") carries 2024.  Use the latter only for years the former lacks, and only if the two
    # series are identical wherever both have values (i.e. provably the same series).
    eu_fill = []
    eu = by_entity.get("European Union (27)", {})
    eu_ember = by_entity.get("EU (Ember)", {})
    if any(v for v in eu.values()):
        both = [y for y in eu if eu[y] and eu_ember.get(y)]
        same = bool(both) and all(eu[y] == eu_ember[y] for y in both)
        if not same:
            fail("European Union (27) and EU (Ember) differ; refusing to fill gaps")
        for year in sorted(set(eu) | set(eu_ember)):
            v = eu.get(year, "")
            if v == "" and same and eu_ember.get(year):
                v = eu_ember[year]
                eu_fill.append((year, v))
            add("EU", year, v, "European Union (27)")

    # zones catalogue for countries
    for zone, (code3, entity) in countries_seen.items():
        if not any(k[0] == zone for k in factor_rows):
            continue  # no factor rows at all (e.g. Niue): not catalogued
        name = NAME_OVERRIDE.get(code3, entity)
        aliases = []
        if code3:
            aliases.append(code3)
        if zone == "XK":
            aliases.append("XKX")
        if entity != name:
            aliases.append(entity)
        aliases += ALIASES_EXTRA.get(code3, [])
        zones[zone] = {"kind": "country", "name": name, "aliases": aliases, "table": "countries"}
    zones["WORLD"] = {"kind": "world", "name": "World", "aliases": ["Global"], "table": "countries"}
    if any(k[0] == "EU" for k in factor_rows):
        zones["EU"] = {"kind": "aggregate", "name": "European Union (27 member states)",
                       "aliases": ["EU27", "EU-27", "European Union", "European Union (27)"],
                       "table": "countries"}
    no_rows = sorted(e for z, (c, e) in countries_seen.items() if not any(k[0] == z for k in factor_rows))
    rows = [factor_rows[k] for k in sorted(factor_rows)]
    info = {"skipped_empty": skipped_empty, "zero_rows": zero_rows, "eu_fill": eu_fill,
            "no_rows": no_rows}
    return rows, zones, info


# ---------------------------------------------------------------------------
# 1b. eGRID
# ---------------------------------------------------------------------------

EGRID_FILE = ("epa-egrid", "egrid_subregion_ghg_output_rates_2022_2023.csv")
EGRID_SOURCE = {"eGRID2022": "epa-egrid2022", "eGRID2023": "epa-egrid2023"}


def build_egrid():
    rows_in = read_csv(ref(*EGRID_FILE))
    out = {}
    zones = {}
    names = {}
    maxdiff = 0.0
    for r in rows_in:
        ed = r["egrid_edition"]
        if ed not in EGRID_SOURCE:
            fail("unexpected eGRID edition %r" % ed)
            continue
        year = int(r["data_year"])
        sub = r["subregion"]
        g = r["co2e_ar5_g_per_kwh"]
        lb = r["co2e_ar5_lb_per_mwh"]
        if not (is_number(g) and is_number(lb)):
            fail("eGRID non-numeric %r" % r)
            continue
        diff = abs(float(lb) * LB_PER_MWH_TO_G_PER_KWH - float(g))
        maxdiff = max(maxdiff, diff)
        if diff > 0.001:
            fail("eGRID %s %s: g/kWh %s != lb/MWh %s x 0.45359237" % (ed, sub, g, lb))
        if float(g) <= 0:
            fail("eGRID non-positive value %r" % r)
        zone = "eGRID:" + sub
        if (zone, year) in out:
            fail("duplicate eGRID row %s %d" % (zone, year))
        src = EGRID_SOURCE[ed]
        if year == 2023 and zone in EGRID2023_REV2:
            lb2, g = EGRID2023_REV2[zone]
            if abs(float(lb2) * LB_PER_MWH_TO_G_PER_KWH - float(g)) > 0.0005:
                fail("eGRID2023 rev2 %s: %s g/kWh != %s lb/MWh x 0.45359237" % (zone, g, lb2))
            src = "epa-egrid2023-rev2"
        out[(zone, year)] = [zone, year, g, "operational", "production", "", src]
        if names.setdefault(sub, r["subregion_name"]) != r["subregion_name"]:
            fail("eGRID subregion name changed between editions: %s" % sub)
    for sub, nm in names.items():
        if sub == "US":
            zones["eGRID:US"] = {"kind": "egrid-total", "name": "eGRID U.S. total",
                                 "aliases": [], "table": "egrid"}
        else:
            zones["eGRID:" + sub] = {"kind": "egrid-subregion", "name": nm, "aliases": [sub],
                                     "table": "egrid"}
    if ("eGRID:US", 2023) not in out or ("eGRID:US", 2022) not in out:
        fail("eGRID US total row missing from the GHG file")
    return [out[k] for k in sorted(out)], zones, maxdiff


# ---------------------------------------------------------------------------
# 1c. Google Cloud regions
# ---------------------------------------------------------------------------

GCP_FILE = ("google-cloud-region-carbon", "gcp_region_carbon_2019_2024.csv")

# Published locations (Google Cloud locations page), and the grid zone each draws power from.
# us-central2 and us-east2 are not public regions; their location is Google's carbon-data label.
GCP_REGIONS = {
    "africa-south1": ("Johannesburg, South Africa", "ZA"),
    "asia-east1": ("Changhua County, Taiwan", "TW"),
    "asia-east2": ("Hong Kong", "HK"),
    "asia-northeast1": ("Tokyo, Japan", "JP"),
    "asia-northeast2": ("Osaka, Japan", "JP"),
    "asia-northeast3": ("Seoul, South Korea", "KR"),
    "asia-south1": ("Mumbai, India", "IN"),
    "asia-south2": ("Delhi, India", "IN"),
    "asia-southeast1": ("Jurong West, Singapore", "SG"),
    "asia-southeast2": ("Jakarta, Indonesia", "ID"),
    "australia-southeast1": ("Sydney, Australia", "AU"),
    "australia-southeast2": ("Melbourne, Australia", "AU"),
    "europe-central2": ("Warsaw, Poland", "PL"),
    "europe-north1": ("Hamina, Finland", "FI"),
    "europe-north2": ("Stockholm, Sweden", "SE"),
    "europe-southwest1": ("Madrid, Spain", "ES"),
    "europe-west1": ("St. Ghislain, Belgium", "BE"),
    "europe-west2": ("London, England, UK", "GB"),
    "europe-west3": ("Frankfurt, Germany", "DE"),
    "europe-west4": ("Eemshaven, Netherlands", "NL"),
    "europe-west6": ("Zurich, Switzerland", "CH"),
    "europe-west8": ("Milan, Italy", "IT"),
    "europe-west9": ("Paris, France", "FR"),
    "europe-west10": ("Berlin, Germany", "DE"),
    "europe-west12": ("Turin, Italy", "IT"),
    "me-central1": ("Doha, Qatar", "QA"),
    "me-central2": ("Dammam, Saudi Arabia", "SA"),
    "me-west1": ("Tel Aviv, Israel", "IL"),
    "northamerica-northeast1": ("Montr\u00e9al, Qu\u00e9bec, Canada", "CA"),
    "northamerica-northeast2": ("Toronto, Ontario, Canada", "CA"),
    "northamerica-south1": ("Quer\u00e9taro, Mexico", "MX"),
    "southamerica-east1": ("Osasco, S\u00e3o Paulo, Brazil", "BR"),
    "southamerica-west1": ("Santiago, Chile", "CL"),
    "us-central1": ("Council Bluffs, Iowa, USA", "eGRID:MROW"),
    "us-central2": ("Oklahoma, USA", "eGRID:SPSO"),
    "us-east1": ("Moncks Corner, South Carolina, USA", "eGRID:SRVC"),
    "us-east2": ("Georgia, USA", "eGRID:SRSO"),
    "us-east4": ("Ashburn, Virginia, USA", "eGRID:SRVC"),
    "us-east5": ("Columbus, Ohio, USA", "eGRID:RFCW"),
    "us-south1": ("Dallas, Texas, USA", "eGRID:ERCT"),
    "us-west1": ("The Dalles, Oregon, USA", "eGRID:NWPP"),
    "us-west2": ("Los Angeles, California, USA", "eGRID:CAMX"),
    "us-west3": ("Salt Lake City, Utah, USA", "eGRID:NWPP"),
    "us-west4": ("Las Vegas, Nevada, USA", "eGRID:NWPP"),
}
GCP_NOT_PUBLIC = {"us-central2", "us-east2"}

GCP_US_REASON = {
    "us-central1": "Council Bluffs, Iowa is served by MidAmerican Energy (MISO) in eGRID subregion MROW.",
    "us-central2": "Google's data places this non-public region in Oklahoma (SPP), which eGRID assigns to subregion SPSO; the exact site is not published.",
    "us-east1": "Moncks Corner, South Carolina is served by Santee Cooper in eGRID subregion SRVC.",
    "us-east2": "Google's data places this non-public region in Georgia, whose grid (Georgia Power, Southern Company) is eGRID subregion SRSO; the exact site is not published.",
    "us-east4": "Ashburn, Virginia is served by Dominion Energy in eGRID subregion SRVC, the same grid as AWS us-east-1.",
    "us-east5": "Columbus, Ohio is served by AEP Ohio (PJM) in eGRID subregion RFCW.",
    "us-south1": "Dallas, Texas is inside ERCOT, eGRID subregion ERCT.",
    "us-west1": "The Dalles, Oregon (Northern Wasco County PUD, BPA hydro) is in eGRID subregion NWPP.",
    "us-west2": "Los Angeles is in the California grid, eGRID subregion CAMX.",
    "us-west3": "Salt Lake City, Utah is served by PacifiCorp East, which eGRID assigns to subregion NWPP.",
    "us-west4": "Las Vegas is served by NV Energy, which eGRID assigns to subregion NWPP; one of the three least certain assignments (see SOURCES.md).",
}


def build_gcp():
    rows_in = read_csv(ref(*GCP_FILE))
    out = {}
    zero_rows = []
    labels = {}
    for r in rows_in:
        year = int(r["year"])
        region = r["region"]
        g = r["grid_carbon_intensity_gco2e_per_kwh"]
        cfe = r["google_cfe_fraction"]
        if not (2019 <= year <= 2024):
            continue
        if not is_number(g):
            fail("GCP non-numeric intensity %r" % r)
            continue
        if float(g) < 0:
            fail("GCP negative intensity %r" % r)
        if float(g) == 0:
            zero_rows.append(("gcp:" + region, year, g))
        if cfe and not (is_number(cfe) and 0 <= float(cfe) <= 1):
            fail("GCP cfe out of range %r" % r)
        basis = "lifecycle" if year <= 2020 else "operational"
        published = r["intensity_basis_as_published"]
        if (basis == "lifecycle") != (published == "lifecycle"):
            fail("GCP basis mismatch for %s %d: %s" % (region, year, published))
        zone = "gcp:" + region
        if (zone, year) in out:
            fail("duplicate GCP row %s %d" % (zone, year))
        out[(zone, year)] = [zone, year, g, basis, "consumption", cfe, "google-region-carbon"]
        labels.setdefault(region, set()).add(r["location"])
    zones = {}
    for region in sorted(labels):
        if region not in GCP_REGIONS:
            fail("GCP region %s has no curated location" % region)
            continue
        loc = GCP_REGIONS[region][0]
        zones["gcp:" + region] = {"kind": "gcp-region",
                                  "name": "Google Cloud %s (%s)" % (region, loc),
                                  "aliases": [region], "table": "gcp"}
    for region in GCP_REGIONS:
        if region not in labels:
            fail("curated GCP region %s not in Google's data" % region)
    return [out[k] for k in sorted(out)], zones, {"zero_rows": zero_rows, "labels": labels}


# ---------------------------------------------------------------------------
# 3. Cloud regions
# ---------------------------------------------------------------------------

CCF_FILE = ("cloud-carbon-footprint", "ccf_grid_emission_factors_by_region.csv")
GA_DC_FILE = ("green-algorithms", "cloudProviders_datacenters.csv")

# AWS: region -> (published region name, location, maps_to, reason, source)
AWS_REGIONS = {
    "us-east-1": ("US East (N. Virginia)", "Northern Virginia, USA", "eGRID:SRVC",
                  "Northern Virginia (Ashburn/Loudoun) is served by Dominion Energy in eGRID subregion SRVC; Cloud Carbon Footprint uses the NERC-level SERC average (379 g), which is too coarse."),
    "us-east-2": ("US East (Ohio)", "Ohio, USA", "eGRID:RFCW",
                  "The Columbus, Ohio area is served by AEP Ohio (PJM) in eGRID subregion RFCW; Cloud Carbon Footprint uses the NERC-level RFC average instead."),
    "us-west-1": ("US West (N. California)", "Northern California, USA", "eGRID:CAMX",
                  "Northern California is in eGRID subregion CAMX; Cloud Carbon Footprint uses the whole-WECC average (322 g)."),
    "us-west-2": ("US West (Oregon)", "Oregon, USA", "eGRID:NWPP",
                  "The Oregon region (Boardman/Umatilla) is in eGRID subregion NWPP; Cloud Carbon Footprint uses the whole-WECC average (322 g)."),
    "us-gov-east-1": ("AWS GovCloud (US-East)", "USA (state not published)", "eGRID:US",
                      "AWS does not publish the state of GovCloud (US-East), so the eGRID U.S. total is used rather than a guessed subregion."),
    "us-gov-west-1": ("AWS GovCloud (US-West)", "USA (state not published)", "eGRID:US",
                      "AWS does not publish the state of GovCloud (US-West), so the eGRID U.S. total is used rather than a guessed subregion."),
    "af-south-1": ("Africa (Cape Town)", "Cape Town, South Africa", "ZA", None),
    "ap-east-1": ("Asia Pacific (Hong Kong)", "Hong Kong", "HK", None),
    "ap-south-1": ("Asia Pacific (Mumbai)", "Mumbai, India", "IN",
                   "Mumbai is in India; only a national average is bundled (India's regional grids are now one synchronous grid)."),
    "ap-northeast-3": ("Asia Pacific (Osaka)", "Osaka, Japan", "JP",
                       "Osaka is in Japan; only the national average is bundled, although the Kansai grid differs from Tokyo's."),
    "ap-northeast-2": ("Asia Pacific (Seoul)", "Seoul, South Korea", "KR", None),
    "ap-southeast-1": ("Asia Pacific (Singapore)", "Singapore", "SG", None),
    "ap-southeast-2": ("Asia Pacific (Sydney)", "Sydney, Australia", "AU",
                       "Sydney is in New South Wales; only the Australian national average is bundled, and the NSW grid is more coal-heavy than that average."),
    "ap-southeast-3": ("Asia Pacific (Jakarta)", "Jakarta, Indonesia", "ID", None),
    "ap-northeast-1": ("Asia Pacific (Tokyo)", "Tokyo, Japan", "JP", None),
    "ca-central-1": ("Canada (Central)", "Montr\u00e9al, Canada", "CA",
                     "Montreal is in Canada; only the Canadian national average is bundled, and Quebec's hydro grid is far cleaner (Google publishes a Montreal factor as gcp:northamerica-northeast1)."),
    "cn-north-1": ("China (Beijing)", "Beijing, China", "CN", None),
    "cn-northwest-1": ("China (Ningxia)", "Ningxia, China", "CN", None),
    "eu-central-1": ("Europe (Frankfurt)", "Frankfurt, Germany", "DE", None),
    "eu-west-1": ("Europe (Ireland)", "Dublin, Ireland", "IE", None),
    "eu-west-2": ("Europe (London)", "London, UK", "GB", None),
    "eu-south-1": ("Europe (Milan)", "Milan, Italy", "IT", None),
    "eu-west-3": ("Europe (Paris)", "Paris, France", "FR", None),
    "eu-north-1": ("Europe (Stockholm)", "Stockholm, Sweden", "SE",
                   "Stockholm is in Sweden (lifecycle national average); Cloud Carbon Footprint's 8.8 g is an old CO2-only production figure about four times lower."),
    "me-south-1": ("Middle East (Bahrain)", "Bahrain", "BH", None),
    "me-central-1": ("Middle East (UAE)", "United Arab Emirates", "AE", None),
    "sa-east-1": ("South America (S\u00e3o Paulo)", "S\u00e3o Paulo, Brazil", "BR", None),
}
AWS_SOURCE = {"cn-north-1": "aws-china-docs", "cn-northwest-1": "aws-china-docs",
              "us-gov-east-1": "aws-govcloud-docs", "us-gov-west-1": "aws-govcloud-docs"}

# Azure: region -> (display-name aliases, location, maps_to, reason or None)
AZ_SRVC = "Virginia (Azure publishes the state only) is served mainly by Dominion Energy in eGRID subregion SRVC; Cloud Carbon Footprint uses the NERC-level SERC average (379 g), which is too coarse."
AZURE_REGIONS = {
    "eastus": (["East US"], "Virginia, USA", "eGRID:SRVC", AZ_SRVC),
    "eastus2": (["East US 2"], "Virginia, USA", "eGRID:SRVC", AZ_SRVC),
    "eastus2euap": (["East US 2 EUAP"], "Virginia, USA", "eGRID:SRVC",
                    "Early-access (EUAP) region alongside East US 2 in Virginia, eGRID subregion SRVC."),
    "eastusstage": (["East US (Stage)"], "Virginia, USA", "eGRID:SRVC",
                    "Logical staging name for East US (Virginia); mapped like eastus to eGRID subregion SRVC."),
    "eastus2stage": (["East US 2 (Stage)"], "Virginia, USA", "eGRID:SRVC",
                     "Logical staging name for East US 2 (Virginia); mapped like eastus2 to eGRID subregion SRVC."),
    "centralus": (["Central US"], "Iowa, USA", "eGRID:MROW",
                  "Iowa (Des Moines area, MidAmerican Energy/MISO) is in eGRID subregion MROW; Cloud Carbon Footprint uses the NERC-level MRO average."),
    "centraluseuap": (["Central US EUAP"], "Iowa, USA", "eGRID:MROW",
                      "Early-access (EUAP) region alongside Central US in Iowa, eGRID subregion MROW."),
    "centralusstage": (["Central US (Stage)"], "Iowa, USA", "eGRID:MROW",
                       "Logical staging name for Central US (Iowa); mapped like centralus to eGRID subregion MROW."),
    "northcentralus": (["North Central US"], "Illinois, USA", "eGRID:RFCW",
                       "The Chicago area is served by ComEd (PJM) in eGRID subregion RFCW; Cloud Carbon Footprint maps it to the MISO zone, which does not serve Chicago."),
    "northcentralusstage": (["North Central US (Stage)"], "Illinois, USA", "eGRID:RFCW",
                            "Logical staging name for North Central US (Illinois); mapped like northcentralus to eGRID subregion RFCW."),
    "southcentralus": (["South Central US"], "Texas, USA", "eGRID:ERCT",
                       "San Antonio, Texas is inside ERCOT, eGRID subregion ERCT."),
    "southcentralusstage": (["South Central US (Stage)"], "Texas, USA", "eGRID:ERCT",
                            "Logical staging name for South Central US (Texas); mapped like southcentralus to eGRID subregion ERCT."),
    "westcentralus": (["West Central US"], "Wyoming, USA", "eGRID:RMPA",
                      "Cheyenne, Wyoming lies in the WACM balancing area, eGRID subregion RMPA; Cloud Carbon Footprint maps it to US-NW-PACE (PacifiCorp East), which does not serve Cheyenne."),
    "westus": (["West US"], "California, USA", "eGRID:CAMX",
               "California is eGRID subregion CAMX; Cloud Carbon Footprint uses the whole-WECC average (322 g)."),
    "westusstage": (["West US (Stage)"], "California, USA", "eGRID:CAMX",
                    "Logical staging name for West US (California); mapped like westus to eGRID subregion CAMX."),
    "westus2": (["West US 2"], "Washington, USA", "eGRID:NWPP",
                "Quincy, Washington (Grant County PUD hydro) is in eGRID subregion NWPP; Cloud Carbon Footprint wrongly maps it to US-NW-PACE (PacifiCorp East, Utah/Wyoming, about 637 g)."),
    "westus2stage": (["West US 2 (Stage)"], "Washington, USA", "eGRID:NWPP",
                     "Logical staging name for West US 2 (Washington); mapped like westus2 to eGRID subregion NWPP, not Cloud Carbon Footprint's US-NW-PACE."),
    "westus3": (["West US 3"], "Arizona, USA", "eGRID:AZNM",
                "Phoenix, Arizona is in eGRID subregion AZNM; Cloud Carbon Footprint wrongly maps it to US-NW-PACE (PacifiCorp East, Utah/Wyoming)."),
    "canadacentral": (["Canada Central"], "Toronto, Canada", "CA",
                      "Toronto is in Canada; only the Canadian national average is bundled, and Ontario's nuclear/hydro grid is cleaner (Google publishes a Toronto factor as gcp:northamerica-northeast2)."),
    "canadaeast": (["Canada East"], "Quebec City, Canada", "CA",
                   "Quebec City is in Canada; only the Canadian national average is bundled, and Quebec's hydro grid is far cleaner (Google publishes a Montreal factor as gcp:northamerica-northeast1)."),
    "brazilsouth": (["Brazil South"], "S\u00e3o Paulo State, Brazil", "BR", None),
    "brazilsoutheast": (["Brazil Southeast"], "Rio de Janeiro, Brazil", "BR", None),
    "northeurope": (["North Europe"], "Ireland", "IE", None),
    "westeurope": (["West Europe"], "Netherlands", "NL",
                   "The Netherlands national average (OWID/Ember); Cloud Carbon Footprint's 328 g is an older EEA figure."),
    "francecentral": (["France Central"], "Paris, France", "FR", None),
    "francesouth": (["France South"], "Marseille, France", "FR", None),
    "germanynorth": (["Germany North"], "Berlin, Germany", "DE", None),
    "germanywestcentral": (["Germany West Central"], "Frankfurt, Germany", "DE", None),
    "germanycentral": (["Germany Central"], "Frankfurt, Germany", "DE",
                       "Former sovereign-cloud region (Microsoft Cloud Deutschland, since closed) in Frankfurt; German national average."),
    "germanynortheast": (["Germany Northeast"], "Magdeburg, Germany", "DE",
                         "Former sovereign-cloud region (Microsoft Cloud Deutschland, since closed) in Magdeburg; German national average."),
    "norwayeast": (["Norway East"], "Oslo, Norway", "NO",
                   "Oslo is in Norway (lifecycle national average); Cloud Carbon Footprint's 7.62 g is an old CO2-only production figure."),
    "norwaywest": (["Norway West"], "Stavanger, Norway", "NO",
                   "Stavanger is in Norway (lifecycle national average); Cloud Carbon Footprint's 7.62 g is an old CO2-only production figure."),
    "swedencentral": (["Sweden Central"], "G\u00e4vle, Sweden", "SE",
                      "G\u00e4vle is in Sweden (lifecycle national average); Cloud Carbon Footprint's 5.67 g is an old CO2-only production figure about six times lower."),
    "switzerlandnorth": (["Switzerland North"], "Zurich, Switzerland", "CH", None),
    "switzerlandwest": (["Switzerland West"], "Geneva, Switzerland", "CH", None),
    "uksouth": (["UK South"], "London, UK", "GB", None),
    "ukwest": (["UK West"], "Cardiff, UK", "GB", None),
    "polandcentral": (["Poland Central"], "Warsaw, Poland", "PL", None),
    "italynorth": (["Italy North"], "Milan, Italy", "IT", None),
    "spaincentral": (["Spain Central"], "Madrid, Spain", "ES", None),
    "israelcentral": (["Israel Central"], "Israel", "IL", None),
    "qatarcentral": (["Qatar Central"], "Doha, Qatar", "QA", None),
    "uaenorth": (["UAE North"], "Dubai, United Arab Emirates", "AE", None),
    "uaecentral": (["UAE Central"], "Abu Dhabi, United Arab Emirates", "AE", None),
    "southafricanorth": (["South Africa North"], "Johannesburg, South Africa", "ZA", None),
    "southafricawest": (["South Africa West"], "Cape Town, South Africa", "ZA", None),
    "australiaeast": (["Australia East"], "New South Wales, Australia", "AU",
                      "New South Wales is in Australia; only the national average is bundled, and the NSW grid is more coal-heavy than that average."),
    "australiasoutheast": (["Australia Southeast"], "Victoria, Australia", "AU",
                           "Victoria is in Australia; only the national average is bundled, and Victoria's brown-coal grid is dirtier than that average."),
    "australiacentral": (["Australia Central"], "Canberra, Australia", "AU", None),
    "australiacentral2": (["Australia Central 2"], "Canberra, Australia", "AU", None),
    "eastasia": (["East Asia", "apeast"], "Hong Kong", "HK", None),
    "eastasiastage": (["East Asia (Stage)"], "Hong Kong", "HK",
                      "Logical staging name for East Asia (Hong Kong); mapped like eastasia."),
    "southeastasia": (["Southeast Asia", "apsoutheast"], "Singapore", "SG", None),
    "southeastasiastage": (["Southeast Asia (Stage)"], "Singapore", "SG",
                           "Logical staging name for Southeast Asia (Singapore); mapped like southeastasia."),
    "japaneast": (["Japan East"], "Tokyo, Saitama, Japan", "JP", None),
    "japanwest": (["Japan West"], "Osaka, Japan", "JP",
                  "Osaka is in Japan; only the national average is bundled, although the Kansai grid differs from Tokyo's."),
    "koreacentral": (["Korea Central"], "Seoul, South Korea", "KR", None),
    "koreasouth": (["Korea South"], "Busan, South Korea", "KR", None),
    "centralindia": (["Central India"], "Pune, India", "IN", None),
    "southindia": (["South India"], "Chennai, India", "IN", None),
    "westindia": (["West India"], "Mumbai, India", "IN", None),
    "jioindiacentral": (["Jio India Central"], "Nagpur, India", "IN", None),
    "jioindiawest": (["Jio India West"], "Jamnagar, India", "IN", None),
    "mexicocentral": (["Mexico Central"], "Quer\u00e9taro State, Mexico", "MX", None),
    "newzealandnorth": (["New Zealand North"], "Auckland, New Zealand", "NZ", None),
    "chinaeast": (["China East"], "Shanghai, China", "CN", None),
    "chinaeast2": (["China East 2"], "Shanghai, China", "CN", None),
    "chinanorth": (["China North"], "Beijing, China", "CN", None),
    "chinanorth2": (["China North 2"], "Beijing, China", "CN", None),
}
AZURE_SOURCE = {"germanycentral": "green-algorithms-2022", "germanynortheast": "green-algorithms-2022"}
# Normalised source spellings that are not the region id or a display alias.
AZURE_SPELLINGS = {"germanynortheastt": "germanynortheast"}  # typo in Green Algorithms
# Azure geography / billing-geography names: not regions, can span several grids.
AZURE_GEOGRAPHIES = {"asia", "asiapacific", "australia", "brazil", "canada", "france", "germany",
                     "india", "japan", "korea", "norway", "southafrica", "switzerland", "uae", "uk",
                     "unitedstates", "unitedstateseuap"}
AZURE_UNMAPPED = {
    "eastus3": "listed by Cloud Carbon Footprint, but Microsoft publishes no location for an Azure region of this name",
    "usnorth": "listed by Cloud Carbon Footprint, but it is not a region name Microsoft publishes; location unknown",
}

GCP_SOURCE_OVERRIDE = {r: "google-region-carbon" for r in GCP_NOT_PUBLIC}


def norm_azure(name):
    """Case-insensitive key: lower case, spaces removed, Green Algorithms' '(Public)'/'(Sovereign)' dropped."""
    s = name.lower()
    for q in ("(public)", "(sovereign)"):
        s = s.replace(q, "")
    return "".join(s.split())


THE = {"United Kingdom", "Netherlands", "United Arab Emirates", "United States"}


def country_reason(loc, zone, zones, extra=""):
    """One sentence for a region mapped to a country zone."""
    nm = zones[zone]["name"]
    the = ("the " + nm) if nm in THE else nm
    city = loc.split(", ")[0]
    if city == nm:
        return "The region is in %s, so the national average applies%s." % (the, extra)
    return "%s is in %s; no sub-national factor is bundled, so the national average applies%s." % (city, the, extra)


def build_cloud_regions(zones):
    ccf = read_csv(ref(*CCF_FILE))
    ga = read_csv(ref(*GA_DC_FILE), skip_lines=1)
    rows = []

    # coverage: AWS
    for r in ccf:
        if r["provider"] == "aws" and r["region"].lower() != "unknown" and r["region"] not in AWS_REGIONS:
            fail("AWS region %s (CCF) not curated" % r["region"])
    for r in ga:
        if r["provider"] == "aws" and r["Name"] not in AWS_REGIONS:
            fail("AWS region %s (Green Algorithms) not curated" % r["Name"])

    # coverage: Azure (case-insensitive, spaces and parenthesised qualifiers ignored)
    az_keys = {}
    for region, (aliases, _, _, _) in AZURE_REGIONS.items():
        for k in [region] + aliases:
            nk = norm_azure(k)
            if nk in az_keys and az_keys[nk] != region:
                fail("Azure key %s ambiguous" % k)
            az_keys[nk] = region
    for k, v in AZURE_SPELLINGS.items():
        az_keys[k] = v
    azure_seen = set()
    skipped_geo, unmapped = set(), {}
    for provider_rows, col, label in ((ccf, "region", "CCF"), (ga, "Name", "Green Algorithms")):
        for r in provider_rows:
            if r["provider"] != "azure":
                continue
            nk = norm_azure(r[col])
            if nk == "unknown":
                continue
            if nk in AZURE_GEOGRAPHIES:
                skipped_geo.add(nk)
            elif nk in AZURE_UNMAPPED:
                unmapped[("azure", r[col])] = AZURE_UNMAPPED[nk]
            elif nk in az_keys:
                azure_seen.add(az_keys[nk])
            else:
                fail("Azure region %r (%s) not curated" % (r[col], label))
    for region in AZURE_REGIONS:
        if region not in azure_seen:
            fail("curated Azure region %s not in CCF or Green Algorithms" % region)

    for region, (pub, loc, maps_to, reason) in AWS_REGIONS.items():
        rows.append(["aws", region, [pub], loc, maps_to,
                     reason or country_reason(loc, maps_to, zones),
                     AWS_SOURCE.get(region, "aws-regions-docs")])
    for region, (aliases, loc, maps_to, reason) in AZURE_REGIONS.items():
        rows.append(["azure", region, aliases, loc, maps_to,
                     reason or country_reason(loc, maps_to, zones),
                     AZURE_SOURCE.get(region, "azure-geographies-docs")])
    gcp_zone_regions = sorted(z[4:] for z in zones if z.startswith("gcp:"))
    for region in gcp_zone_regions:
        loc, maps_to = GCP_REGIONS[region]
        if region in GCP_US_REASON:
            reason = GCP_US_REASON[region] + ""
        else:
            reason = country_reason(loc, maps_to, zones,
                                    " (Google's own factor for this region is zone gcp:%s)" % region)
        rows.append(["gcp", region, [], loc, maps_to, reason,
                     GCP_SOURCE_OVERRIDE.get(region, "gcp-locations-docs")])

    # drop rows whose country zone does not exist (none expected), record them
    kept = []
    for row in rows:
        if row[4] not in zones:
            unmapped[(row[0], row[1])] = "no factor zone %s in zones.csv" % row[4]
            continue
        kept.append(row)
    kept.sort(key=lambda r: (r[0], r[1]))
    return kept, sorted(skipped_geo), unmapped


# ---------------------------------------------------------------------------
# 4. Sources
# ---------------------------------------------------------------------------

SOURCES = [
    ("owid-ember-2025",
     "Our World in Data energy dataset, carbon_intensity_elec (based on Ember Yearly Electricity Data 2025 and Energy Institute Statistical Review of World Energy 2024)",
     "Our World in Data (data: Ember; Energy Institute)", "2025-05-30", "CC BY 4.0",
     "https://github.com/owid/energy-data"),
    ("epa-egrid2022",
     "eGRID2022 (data year 2022): eGRID subregion and U.S. annual total output emission rates, CO2e with IPCC AR5 GWP100",
     "U.S. Environmental Protection Agency", "2024-01", "Public domain (U.S. Government work)",
     "https://www.epa.gov/egrid/download-data"),
    ("epa-egrid2023",
     "eGRID2023 (data year 2023), original January 2025 release (superseded by rev2 for the US and CAMX rows; the other subregions' rev2 values were not read): eGRID subregion and U.S. annual total output emission rates, CO2e with IPCC AR5 GWP100",
     "U.S. Environmental Protection Agency", "2025-01", "Public domain (U.S. Government work)",
     "https://www.epa.gov/egrid/download-data"),
    ("epa-egrid2023-rev2",
     "eGRID2023 (data year 2023), rev2: eGRID subregion and U.S. annual total output emission rates, CO2e with IPCC AR5 GWP100 (SRC2ERTA, USC2ERTA); US 770.884 and CAMX 429.983 lb CO2e/MWh read through a faithful copy of EPA's eGRID2023 subregion and US tables in a public repository's test data; the revision name (rev2) is from co2e's data audit (issue 30), its release date was not read",
     "U.S. Environmental Protection Agency", "2025", "Public domain (U.S. Government work)",
     "https://www.epa.gov/egrid/download-data"),
    ("google-region-carbon",
     "Google Cloud region carbon data (region-carbon-info yearly CSVs 2019-2024): grid carbon intensity and Google CFE% per region",
     "Google", "2025-12-03", "Apache-2.0",
     "https://github.com/GoogleCloudPlatform/region-carbon-info"),
    ("eia930-hpe-dcrl-2022",
     "Hourly 2022 carbon intensity for PJM, CISO and ERCO from EIA-930 net generation by fuel x IPCC AR5 lifecycle medians (HPE dc-rl / SustainDC data/CarbonIntensity)",
     "Hewlett Packard Enterprise (dc-rl); data: U.S. Energy Information Administration", "2024-04-25",
     "MIT (dc-rl); EIA data public domain",
     "https://github.com/HewlettPackard/dc-rl"),
    ("neso-carbon-intensity-api",
     "Carbon Intensity API, national GB half-hourly intensity (actual), 2023-03-14",
     "National Energy System Operator (NESO) / carbonintensity.org.uk", "2023-03-15", "CC BY 4.0",
     "https://carbonintensity.org.uk/"),
    ("aws-regions-docs",
     "AWS Regions and Availability Zones: region codes, names and locations",
     "Amazon Web Services", "2026", "Factual reference (cited, not copied)",
     "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html"),
    ("aws-govcloud-docs",
     "AWS GovCloud (US) User Guide: what is AWS GovCloud (US)",
     "Amazon Web Services", "2026", "Factual reference (cited, not copied)",
     "https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/whatis.html"),
    ("aws-china-docs",
     "Amazon Web Services in China: China (Beijing) and China (Ningxia) regions",
     "Amazon Web Services China (operated by Sinnet and NWCD)", "2026", "Factual reference (cited, not copied)",
     "https://www.amazonaws.cn/en/about-aws/regional-product-services/"),
    ("azure-geographies-docs",
     "Azure geographies: region names and locations",
     "Microsoft", "2026", "Factual reference (cited, not copied)",
     "https://azure.microsoft.com/en-us/explore/global-infrastructure/geographies/"),
    ("gcp-locations-docs",
     "Google Cloud locations: region ids and locations",
     "Google", "2026", "Factual reference (cited, not copied)",
     "https://cloud.google.com/about/locations"),
    ("green-algorithms-2022",
     "Green Algorithms tool data v3.0, cloudProviders_datacenters.csv (cloud region locations, citing Azure geographies as of 2020-09-29)",
     "Green Algorithms project (Lannelongue, Grealey and Inouye)", "2022-10-22", "CC BY 4.0",
     "https://github.com/GreenAlgorithms/green-algorithms-tool"),
]


# ---------------------------------------------------------------------------
# 5. Hourly fixtures
# ---------------------------------------------------------------------------

HOURLY = [("eia930_PJM_2022_hourly.csv", "eia930-pjm-2022.csv"),
          ("eia930_CISO_2022_hourly.csv", "eia930-ciso-2022.csv"),
          ("eia930_ERCO_2022_hourly.csv", "eia930-erco-2022.csv")]
GB_FILE = "gb_national_carbon_intensity_2023-03-14_halfhourly.csv"


def iso_z(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# The grid's carbon-free share per hour, from the same EIA-930 net generation by fuel: wind,
# solar, hydro and nuclear over all eight fuel columns. OTH (other: geothermal, biomass,
# batteries and the rest, not split by EIA-930) is left out of the carbon-free part, so the share
# is a lower bound where OTH holds geothermal. Google's CFE definition (24/7 CFE methodologies,
# 2021) counts wind, solar, hydro, nuclear and geothermal.
CFE_FUELS = ["WND", "SUN", "WAT", "NUC"]
ALL_FUELS = ["WND", "SUN", "WAT", "OIL", "NG", "COL", "NUC", "OTH"]


def cfe_name(dst):
    return dst[:-len(".csv")] + "-cfe.csv"


def build_cfe_share(src, rows_in, dst):
    out, gaps, vals = [], 0, []
    for r in rows_in:
        t = dt.datetime.fromisoformat(r["timestamp"]).astimezone(dt.timezone.utc)
        cells = [r[c].strip() for c in ALL_FUELS]
        if all(c.lower() in ("", "nan") for c in cells):
            out.append([iso_z(t), ""])
            gaps += 1
            continue
        if not all(is_number(c) for c in cells):
            fail("%s: %s: a fuel column is empty or not a number: %r" % (src, r["timestamp"], cells))
        mwh = dict(zip(ALL_FUELS, (float(c) for c in cells)))
        if any(v < 0 for v in mwh.values()):
            fail("%s: %s: negative net generation %r" % (src, r["timestamp"], mwh))
        total = sum(mwh.values())
        if total <= 0:
            fail("%s: %s: no generation" % (src, r["timestamp"]))
        share = sum(mwh[c] for c in CFE_FUELS) / total
        vals.append(share)
        out.append([iso_z(t), "%.6f" % share])
    if len(out) != 8760:
        fail("%s: %d CFE rows, expected 8760" % (src, len(out)))
    write_csv(os.path.join("hourly", dst), ["timestamp", "cfe_share"], out)
    return (len(out), gaps, min(vals), max(vals), sum(vals) / len(vals))


def build_hourly():
    stats = {}
    for src, dst in HOURLY:
        rows_in = read_csv(ref("hourly-samples", src))
        out, gaps, vals = [], 0, []
        expect = dt.datetime(2022, 1, 1, tzinfo=dt.timezone.utc)
        for r in rows_in:
            t = dt.datetime.fromisoformat(r["timestamp"])
            if t.utcoffset() != dt.timedelta(0):
                fail("%s: non-UTC timestamp %s" % (src, r["timestamp"]))
            if t != expect:
                fail("%s: expected %s got %s" % (src, expect, t))
            expect = t + dt.timedelta(hours=1)
            v = r["avg_CI"].strip()
            if v.lower() in ("", "nan"):
                v = ""
                gaps += 1
            elif not is_number(v) or float(v) <= 0:
                fail("%s: bad avg_CI %r" % (src, v))
            else:
                vals.append(float(v))
            out.append([iso_z(t.astimezone(dt.timezone.utc)), v])
        if len(out) != 8760:
            fail("%s: %d rows, expected 8760" % (src, len(out)))
        write_csv(os.path.join("hourly", dst), ["timestamp", "g_co2e_per_kwh"], out)
        stats[dst] = (len(out), gaps, min(vals), max(vals), sum(vals) / len(vals))
        stats[cfe_name(dst)] = build_cfe_share(src, rows_in, cfe_name(dst))
    rows_in = read_csv(ref("hourly-samples", GB_FILE))
    out, gaps = [], 0
    prev = None
    for r in rows_in:
        s = r["from_utc"].strip()
        if not s.endswith("Z"):
            fail("GB: from_utc not UTC: %r" % s)
        t = dt.datetime.strptime(s, "%Y-%m-%dT%H:%MZ")
        if prev is not None and t - prev != dt.timedelta(minutes=30):
            fail("GB: non-consecutive slot %s" % s)
        prev = t
        v = r["actual_gco2_per_kwh"].strip()
        if v == "":
            gaps += 1
        elif not is_number(v) or float(v) <= 0:
            fail("GB: bad value %r" % v)
        out.append([t.strftime("%Y-%m-%dT%H:%M:%SZ"), v])
    if len(out) != 48:
        fail("GB: %d rows, expected 48" % len(out))
    write_csv(os.path.join("hourly", "neso-gb-2023-03-14.csv"), ["timestamp", "g_co2e_per_kwh"], out)
    stats["neso-gb-2023-03-14.csv"] = (len(out), gaps, None, None, None)
    return stats


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

def check_collisions(zones, cloud_rows):
    owner = {}

    def claim(key, who, allow=None):
        k = key.casefold()
        if k in owner and owner[k] != who and owner[k] != allow:
            fail("key collision: %r used by %s and %s" % (key, owner[k], who))
        owner.setdefault(k, who)

    for z, info in zones.items():
        claim(z, "zone " + z)
    for z, info in zones.items():
        for a in info["aliases"]:
            if a.casefold() == z.casefold():
                fail("alias equals own zone id: %s" % z)
            claim(a, "zone " + z)
    # names must not shadow another zone's id/alias either (stricter than required)
    for z, info in zones.items():
        k = info["name"].casefold()
        if k in owner and owner[k] != "zone " + z:
            fail("zone name %r of %s collides with %s" % (info["name"], z, owner[k]))
    for prov, region, aliases, _, _, _, _ in cloud_rows:
        who = "cloud %s/%s" % (prov, region)
        allow = ("zone gcp:" + region) if prov == "gcp" else None
        claim(region, who, allow)
        for a in aliases:
            claim(a, who)
    return len(owner)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def written_files():
    out = []
    for root, _, files in os.walk(OUT):
        for fn in files:
            out.append(os.path.join(root, fn))
    return sorted(out)


# ---------------------------------------------------------------------------
# SOURCES.md
# ---------------------------------------------------------------------------

def fmt_list(items):
    return ", ".join(items) if items else "none"


def write_sources_md(ctx):
    c = ctx
    zero_c = "; ".join("%s %d = %s" % z for z in c["countries_info"]["zero_rows"]) or "none"
    zero_g = "; ".join("%s %d = %s" % z for z in c["gcp_info"]["zero_rows"]) or "none"
    eu_fill = "; ".join("%d = %s" % f for f in c["countries_info"]["eu_fill"]) or "none"
    unm = "\n".join("- %s `%s`: %s." % (p, r, why) for (p, r), why in sorted(c["unmapped"].items())) or "- none"
    hs = c["hourly_stats"]

    def cline(name):
        n, gaps, lo, hi, mean = hs[name]
        return "%d rows, %d empty values, min %.3f, max %.3f, unweighted mean %.3f" % (n, gaps, lo, hi, mean)

    def hline(name):
        n, gaps, lo, hi, mean = hs[name]
        return "%d rows, %d empty values, min %.1f, max %.1f, unweighted mean %.1f g/kWh" % (n, gaps, lo, hi, mean)

    text = """# grid-factors: sources, derivation and caveats

Everything in this folder is generated by `grid-factors/curate/curate.py` from the read-only
source snapshot in `shared/reference-data/` (its `README.md`, `REPORT.md` and per-folder `SOURCE.md`
give full provenance). Values are never invented: a cell that is empty in the source is either left
empty (hourly fixtures) or the row is skipped (factor tables).

Regenerate: `python3 grid-factors/curate/curate.py` (run from the repo root).

## Table format

Factor tables (`countries.csv`, `egrid.csv`, `gcp.csv`) share one schema, and a user can pass their
own file with the same columns via `--factors FILE`:

| column | meaning |
|---|---|
| `zone` | zone id; listed with its name and aliases in `zones.csv` |
| `year` | data year (integer) |
| `g_co2e_per_kwh` | grams CO2e per kWh, with the source's own precision (not reformatted) |
| `basis` | `lifecycle` (includes upstream/supply chain) or `operational` (combustion at the plant only) |
| `boundary` | `production` (generation inside the zone) or `consumption` (imports traced); empty if the source does not say |
| `cfe_share` | carbon-free-energy share 0..1 (Google only; empty elsewhere) |
| `source` | id of a row in `sources.csv` |
| `read` | how the source's figure was read: `primary`, `copy` (a faithful copy), `secondary` |

UTF-8, LF line endings, a header row, RFC 4180 quoting (a field with a comma is double-quoted).
(zone, year) is unique within a table; rows are sorted by zone, then year (plain byte order of the zone id).

Other files:

- `zones.csv` (`zone,kind,name,aliases,table`): one row per zone that has factor rows. `aliases` is a
  `;`-separated list of alternative keys, matched case-insensitively. No id or alias collides with
  another zone's id or alias; the script fails if one does. A zone's name does not collide either.
- `cloud-regions.csv` (`provider,region,aliases,location,maps_to,reason,source,read`): where each cloud
  region physically draws power. `maps_to` is a zone in `zones.csv`. GCP region ids are also aliases of
  the `gcp:` zones (Google's own per-region factor), so a zone lookup finds those first, and the
  cloud-region row gives the physical grid as a fallback or for comparison.
- `sources.csv` (`source,title,publisher,published,licence,url,read`): one row per source id used anywhere.
- `hourly/*.csv` (`timestamp,g_co2e_per_kwh`; the `-cfe` files `timestamp,cfe_share`): test fixtures. The timestamp is the UTC start of the
  interval (`2022-01-01T00:00:00Z`), and an empty value is a gap in the source.

Row counts (data rows, header excluded): countries.csv {n_countries} ({n_country_zones} zones), egrid.csv {n_egrid}
({n_egrid_zones} zones), gcp.csv {n_gcp} ({n_gcp_zones} zones), zones.csv {n_zones}, cloud-regions.csv {n_cloud}
(aws {n_aws}, azure {n_azure}, gcp {n_gcpr}), sources.csv {n_sources}.

## Sources

### `owid-ember-2025`: country, world and EU averages (`countries.csv`)

- **What:** Our World in Data energy dataset, column `carbon_intensity_elec` (OWID release of 2025-05-30,
  data to 2024). OWID's grapher calls it "Lifecycle carbon intensity of electricity generation".
- **Publisher / licence:** Our World in Data, CC BY 4.0. Upstream: Ember Yearly Electricity Data (2025)
  and Ember Yearly Electricity Data Europe (2025), which Ember now licenses CC BY 4.0 (older Ember releases
  said CC BY-SA 4.0), and Energy Institute Statistical Review of World Energy (2024), which has its own terms,
  for older or extra years.
  **Attribution:** "Our World in Data based on Ember (2025) and Energy Institute Statistical Review of World
  Energy (2024)".
- **Years:** 2015-2024. **Basis:** lifecycle (Ember: full lifecycle, all gases, CO2e over 100 years).
  **Boundary:** production (generation inside the borders, imports not traced). **Gases:** CO2e.
- **Input:** `shared/reference-data/owid-energy-data/owid_carbon_intensity_elec_2015_2024.csv`. The column
  is a verbatim third-party subset of OWID's `owid-energy-data.csv` (repository
  `AdhamAbdelmoneem/Energy-Production-and-Consumption-Analytics` at commit
  59914559e58f3eb4fe728f5606d5531cc8f3bbc0), because the official CSV blob was not in the snapshot.
  It was spot-checked against official `owid/energy-data@e7897aed55b514b8d16e0a3d8f1518789ac3de31`
  (US 2024 383.549 here vs 383.780 there, less than 0.1 %, a normal vintage revision).
- **Derivation:** one zone per OWID entity with an ISO 3166-1 alpha-3 code. The zone id is the alpha-2 code,
  taken from `comparisons/country_intensity_comparison.csv` and the IFI table, plus HKG->HK, MAC->MO and
  GBR->GB added by hand. Kosovo, which has an empty `iso_code` in this file (OWID_KOS upstream), becomes
  `XK`. `World` becomes `WORLD`; OWID's `European Union (27)` becomes `EU`. All other aggregates
  (continents, income groups, `(EI)`/`(Ember)` regions) are skipped. Values are copied as published (up to
  3 decimals, no unit conversion, no rounding). Rows with an empty intensity are skipped ({n_c_empty} rows: {c_empty}).
  OWID entities with no intensity in any year, and so not catalogued: {no_rows}.
- **EU 2024 (a judgement call):** OWID's `European Union (27)` has no 2024 intensity. Ember's own EU-27
  aggregate in the same file (`EU (Ember)`) is identical to it for every year 2015-2023 and does carry 2024.
  The script fills only the missing years from it, and only after asserting that the two series are
  identical wherever both have values. Filled: {eu_fill}.
- **Zero values kept because the source says 0:** {zero_c}. (Central African Republic; OWID has no rows for it
  after 2022. A zero is plausible for an almost all-hydro grid, but it is OWID's number, not ours.)
- **Caveats:** values are revised in every release. The newer official OWID release already has 2025 and
  moves 2024 slightly (US 383.78). An older OWID vintage, as bundled by CodeCarbon, had US 2023 = 369.5
  against 392.8 here. Record the year with every value. Lifecycle values are about 10 % above eGRID's
  operational figures for the US (2023: 392.8 vs 351.6).

### `epa-egrid2022`, `epa-egrid2023`: US eGRID subregions (`egrid.csv`)

- **What:** EPA eGRID annual **total output emission rates** for the 26 eGRID subregions, PRMS (Puerto Rico)
  and the U.S. total, as CO2e with IPCC AR5 GWP100 (CO2 + 28 CH4 + 265 N2O; eGRID field `SRC2ERTA`/`USC2ERTA`).
  `eGRID:XXXX` = subregion XXXX; `eGRID:US` = the U.S. total (kind `egrid-total`; its bare alias `US` is
  deliberately **not** added, because `US` is the country zone).
- **Publisher / licence:** U.S. EPA, public domain (U.S. Government work). Attribution (courtesy): "U.S. EPA,
  eGRID2022 / eGRID2023".
- **Editions:** eGRID2022 = data year 2022 (released January 2024; the ghgtools copy gives publish date 2024-01-30).
  eGRID2023 = data year 2023, the **original January 2025 release** (ghgtools gives 2025-01-17; EPA's
  release date is 2025-01-15).
- **Basis:** operational (stack emissions of generation, no upstream/lifecycle, no T&D losses). **Boundary:**
  production (generation within the subregion, no imports). **Gases:** CO2e (CO2, CH4, N2O).
- **Input:** `shared/reference-data/epa-egrid/egrid_subregion_ghg_output_rates_2022_2023.csv`, from repository
  `Brandon-mcn/ghgtools` (MIT), `vignettes/EFL_CO2e.csv` at commit 0f765543595eaae64e3061ece2920643a869cb3c.
  Its eGRID2022 CO2 rates match EPA's own file (`USEPA/ggcapdthemes` at 2f321402954abfd09c467ecb2c475ff6117d7ce1,
  `egrid2022_subregion_co2_output_rate_epa.csv`) exactly for all 28 rows.
- **Derivation:** `g_co2e_per_kwh` is the file's `co2e_ar5_g_per_kwh` column, copied with its 3 decimals.
  The script re-computes it from `co2e_ar5_lb_per_mwh` x 0.45359237 (1 lb/MWh = 0.45359237 g/kWh) and
  fails if any row differs by more than 0.001 g/kWh (the largest difference is {egrid_maxdiff}, from the source's own rounding). The U.S. total is the `US` row of the same file:
  eGRID2023 (first release) 775.239 lb/MWh = 351.642 g/kWh (REPORT.md: 775.2 lb/MWh = 351.6), and eGRID2022 {us2022} g/kWh (REPORT.md: 375.3).
- **eGRID2023 rev2 (`epa-egrid2023-rev2`):** EPA later issued eGRID2023 rev1/rev2 (rev2 June 2025) with changed rates
  for some subregions. Two rev2 values are bundled (issue 30), read through a faithful copy of EPA's subregion and US
  tables (`SRC2ERTA`, `USC2ERTA`) in a public repository's test data: the U.S. total 770.884 lb/MWh = {us2023} g/kWh
  and CAMX 429.983 lb/MWh = 195.037 g/kWh (438.150 in the first release). The other 2023 subregions are still the first
  release: third-party code gives, for example, RFCE 599.170 in rev2 against 597.073 here and PRMS 1548.53 against
  1548.288; these are not verified. Before release, replace them with rev2 from EPA's "eGRID2023rev2 summary tables"
  workbook, or add eGRID2024 when it is published. Non-baseload rates are not included.
  Operational factors sit about 10 % below lifecycle ones, so do not mix `egrid` and `countries` values in one
  comparison without saying so.

### `google-region-carbon`: Google Cloud regions (`gcp.csv`)

- **What:** Google's per-region grid carbon intensity (location-based average intensity of the **local grid**,
  not Google's market-based footprint) and Google CFE% (hourly-matched carbon-free-energy share, including
  Google's own contracts).
- **Publisher / licence:** Google, Apache-2.0 (repository `GoogleCloudPlatform/region-carbon-info`).
  Attribution: "Google Cloud region carbon data, https://cloud.google.com/sustainability/region-carbon".
- **Years:** 2019-2024 ({n_gcp_zones} regions; not every region has every year).
- **Basis (changes):** 2019-2020 files label the value "Lifecycle grid carbon intensity", so `lifecycle`.
  The 2021+ files label it "Grid carbon intensity", and the README defines it as average **operational** gross
  emissions per unit of energy from the grid, so `operational`. The script asserts that this matches the
  file's `intensity_basis_as_published` column. Year-to-year jumps across 2020->2021 are partly this basis change
  (europe-west1 212 -> 110, us-central1 454 -> 394).
- **Boundary (a judgement call): `consumption`.** Google states that its grid data come from Electricity Maps'
  hourly data, and Electricity Maps' carbon intensity is consumption-based (flow-traced imports/exports) by
  default. Google's CFE% methodology likewise scores the grid mix a region consumes hour by hour. We therefore
  mark all Google rows `consumption`. Google does not spell out "consumption-based" in the CSVs. If that is judged
  too strong, the column can be emptied with no other change.
- **Gases:** CO2e.
- **Input:** `shared/reference-data/google-cloud-region-carbon/gcp_region_carbon_2019_2024.csv` (a long-form union of
  `data/yearly/2019.csv` ... `2024.csv`) at commit 49f3f26bfd682305e8d9b572fea1f811900421a9 (2025-12-03).
- **Derivation:** zone `gcp:<region>`. The value and `cfe_share` are copied as published: integers up to 2023,
  two decimals in 2024 (e.g. `305.00` kept as is). `cfe_share` is empty where Google left it empty (most of 2019).
  There is no unit conversion.
- **Zero values kept because the source says 0:** {zero_g}.
- **Caveats:** some regions share one value (europe-west3 = europe-west10, us-east4 = us-east5,
  europe-west8 = europe-west12). us-central2 (Oklahoma) and us-east2 (Georgia) are not public regions.
  Zone names use the locations on Google's public locations page; Google's CSV labels are sometimes
  shorter or different (e.g. `Netherlands` relabelled `Eemshaven` in 2024, `S\u0101o Paulo` spelled with a macron).

### `eia930-hpe-dcrl-2022`: hourly US balancing-authority fixtures (`hourly/eia930-*.csv`)

- **What:** hourly 2022 intensity for PJM, CISO (CAISO) and ERCO (ERCOT). `avg_CI` is the generation-weighted
  mean of IPCC AR5 **lifecycle medians** applied to EIA-930 net generation by fuel (WND 11, SUN 41, WAT 24,
  OIL 650, NG 490, COL 820, NUC 12, OTH 230 g/kWh; recovered by exact regression, not documented upstream).
- **Publisher / licence:** HPE `HewlettPackard/dc-rl` (SustainDC), `data/CarbonIntensity/<BA>_NG_&_avgCI.csv`
  at commit a92b4755aca560e34a98d14028dda629eb968482, MIT. Upstream data: U.S. EIA Form EIA-930 (public domain).
  Attribution: "HPE dc-rl (MIT), from U.S. EIA Hourly Electric Grid Monitor (EIA-930)".
- **Basis:** lifecycle. **Boundary:** production within the balancing authority (no imports; CAISO imports about
  25-30 % of its load, so CISO understates consumption intensity). **Gases:** CO2e.
- **Input:** `shared/reference-data/hourly-samples/eia930_{{PJM,CISO,ERCO}}_2022_hourly.csv`.
- **Derivation:** `timestamp` = the source timestamp (`2022-01-01 00:00:00+00:00`, start of hour, UTC),
  rewritten as `2022-01-01T00:00:00Z`. The script asserts 8,760 consecutive hours. `g_co2e_per_kwh` = `avg_CI`
  copied as text with full precision (not rounded). Hours with no `avg_CI` stay as rows with an empty value.
  - `eia930-pjm-2022.csv`: {h_pjm}
  - `eia930-ciso-2022.csv`: {h_ciso}
  - `eia930-erco-2022.csv`: {h_erco}
- **Carbon-free share series** (`eia930-{{pjm,ciso,erco}}-2022-cfe.csv`, `timestamp,cfe_share`, for
  `co2e hourly --grid-cfe`): from the same rows' net generation by fuel, `cfe_share` = (WND + SUN + WAT + NUC)
  / (sum of the eight fuel columns), a fraction 0..1 written with 6 decimals. Hours with every fuel column
  empty stay as rows with an empty value (the same hours as the intensity gaps); the script fails on a
  negative or non-numeric fuel value. OTH (EIA-930's "other": geothermal, biomass, batteries and the rest,
  not split) is not counted as carbon-free, so the share is a lower bound where OTH holds geothermal.
  Which fuels count follows Google's "24/7 Carbon-Free Energy: Methodologies and Metrics" (February 2021,
  https://sustainability.google/reports/24x7-carbon-free-energy-methodologies-metrics/; read in secondary
  reports of the method: wind, solar, hydro, geothermal and nuclear are carbon-free, and a region's hourly
  CFE % counts the grid's own carbon-free share for the load that contracts do not meet).
  - `eia930-pjm-2022-cfe.csv`: {c_pjm}
  - `eia930-ciso-2022-cfe.csv`: {c_ciso}
  - `eia930-erco-2022-cfe.csv`: {c_erco}
- **Caveats:** raw EIA-930 data (not cleaned), so outlier hours are kept (for example a few PJM hours near 43 g/kWh).
  PJM's 23 gaps are 22 consecutive hours from 2022-03-13T07:00Z (02:00 Eastern, the hour US daylight saving
  began) and 2022-11-07T05:00Z (the day after it ended): the upstream conversion from local time evidently
  lost those hours, which is why `co2e hourly` reports gaps instead of filling them silently.
  For test fixtures only, not for bundled factors.

### `neso-carbon-intensity-api`: GB half-hourly fixture (`hourly/neso-gb-2023-03-14.csv`)

- **What:** NESO national (GB) carbon intensity, half-hourly "actual" (estimated outturn) values for
  2023-03-14T00:30Z -> 2023-03-15T00:30Z, endpoint `/intensity/{{date}}/pt24h`.
- **Publisher / licence:** National Energy System Operator (NESO), Carbon Intensity API, CC BY 4.0.
  Attribution: "National Energy System Operator (NESO) / carbonintensity.org.uk".
- **Input:** `shared/reference-data/hourly-samples/gb_national_carbon_intensity_2023-03-14_halfhourly.csv`,
  transcribed from the git-scraped JSON `nmpowell/carbon-intensity-forecast-tracking`,
  `data/national_pt24h/2023-03-15T0031Z.json` at commit 1085174e5b864d0bb1349e51232fd518154e3f47.
- **Basis / boundary / gases:** NESO's own per-fuel factor set (closer to direct/operational than to IPCC
  lifecycle; not re-verified), GB generation including estimated embedded generation. NESO publishes the
  unit as gCO2/kWh. We put it in the `g_co2e_per_kwh` column only so that all fixtures share one schema.
- **Derivation:** `timestamp` = `from_utc` (`2023-03-14T00:30Z` -> `2023-03-14T00:30:00Z`), value =
  `actual_gco2_per_kwh`, with the forecast column dropped. {n_gb} rows, as in the source. The last slot has no actual yet and
  stays empty ({gb_gaps} empty value).

### Cloud-region location sources (`cloud-regions.csv`)

`aws-regions-docs`, `aws-govcloud-docs`, `aws-china-docs`, `azure-geographies-docs` and `gcp-locations-docs`
are the providers' public pages naming each region's location. They are living pages without a release, so
`published` gives the year of curation (2026). These are factual references (region names and cities), so
no licence terms attach to our use. The locations were transcribed by hand from the providers' published
names: the pages were **not** re-fetched by the script. For Azure and GCP they were cross-checked against Green Algorithms'
`cloudProviders_datacenters.csv`. `green-algorithms-2022` (CC BY 4.0) is the location source for the
two closed Azure Germany sovereign-cloud regions, which Microsoft no longer lists. Google's non-public
regions us-central2 and us-east2 take their location from `google-region-carbon`.

Coverage: every AWS and Azure region in `cloud-carbon-footprint/ccf_grid_emission_factors_by_region.csv` or
`green-algorithms/cloudProviders_datacenters.csv` (Azure names deduplicated case-insensitively, ignoring spaces
and Green Algorithms' `(Public)`/`(Sovereign)` qualifiers), plus every GCP region in `gcp.csv`. `Unknown` and GCP
multi-regions (`us`, `eu`, `nam4`, ...) are skipped. The script fails if a source name is neither mapped nor
listed below.

Mapping rules: US regions map to the eGRID subregion of the utility or balancing area serving the published site
(state level where the provider publishes only a state). Elsewhere they map to the country zone, because no
sub-national factor is bundled; the `reason` column says where that is coarse (Australian states, Canadian
provinces, Japan's east/west grids). Reasons name Cloud Carbon Footprint's mapping where it differs: NERC-level US
averages, Azure westus2/westus2stage/westus3/westcentralus on `US-NW-PACE`, northcentralus on MISO, and
CO2-only Nordic figures. Least certain subregion assignments, worth re-checking against EPA's Power Profiler
ZIP lookup: Las Vegas (gcp us-west4) -> NWPP, Cheyenne (Azure westcentralus) -> RMPA, and Oklahoma
(gcp us-central2) -> SPSO.

Not in `cloud-regions.csv`:

- Azure geography and billing-geography names listed by Cloud Carbon Footprint, which are not regions and can
  span several grids: {skipped_geo}. Users should name the region, or the country zone directly.
{unmapped}

## Not bundled, and why

- **Electricity Maps** (`electricity-maps-yearly-via-co2js/`, yearly zone averages 2021-2025): these are licensed ODbL 1.0
  (share-alike). Bundling any of the numbers would make our tables a derivative database under ODbL. No
  Electricity Maps value appears in any file here, and the curation does not read that folder. Electricity Maps
  hourly data is not openly licensed at all.
- **Residual-mix (market-based) factors:** no public machine-readable copy of the AIB European Residual Mix
  was found, so co2e has **no bundled residual-mix factors**. Market-based Scope 2 needs user-supplied factors
  (`--factors FILE`).
- **Cloud Carbon Footprint, Green Algorithms and CodeCarbon factor values:** these are legacy (mostly 2019-2021 data),
  coarse (NERC-level US), and mix CO2-only with CO2e and production with T&D-loss factors. They are not bundled.
  Cloud Carbon Footprint and Green Algorithms were used only as the **list of region names** to cover, and
  Green Algorithms for two locations. Their numbers remain in `shared/reference-data/comparisons/` for comparison.
- **Ember latest-year via CO2.js:** the same source as OWID, but with mixed years per row, so OWID's full series is used.
- **IFI harmonised grid factors:** these are marginal (operating/combined margin) CO2 factors, not averages. They are not
  comparable and were not bundled.
- **IEA emission factors:** proprietary.
""".format(
        n_countries=c["n"]["countries"], n_country_zones=c["nz"]["countries"],
        n_egrid=c["n"]["egrid"], n_egrid_zones=c["nz"]["egrid"],
        n_gcp=c["n"]["gcp"], n_gcp_zones=c["nz"]["gcp"],
        n_zones=c["n"]["zones"], n_cloud=c["n"]["cloud"], n_aws=c["n"]["aws"],
        n_azure=c["n"]["azure"], n_gcpr=c["n"]["gcpr"], n_sources=c["n"]["sources"],
        n_c_empty=len(c["countries_info"]["skipped_empty"]),
        c_empty=", ".join("%s %d" % e for e in c["countries_info"]["skipped_empty"]),
        no_rows=fmt_list(c["countries_info"]["no_rows"]),
        eu_fill=eu_fill, zero_c=zero_c, zero_g=zero_g,
        egrid_maxdiff=c["egrid_maxdiff"], us2023=c["us2023"], us2022=c["us2022"],
        h_pjm=hline("eia930-pjm-2022.csv"), h_ciso=hline("eia930-ciso-2022.csv"),
        h_erco=hline("eia930-erco-2022.csv"),
        c_pjm=cline("eia930-pjm-2022-cfe.csv"), c_ciso=cline("eia930-ciso-2022-cfe.csv"),
        c_erco=cline("eia930-erco-2022-cfe.csv"),
        n_gb=hs["neso-gb-2023-03-14.csv"][0], gb_gaps=hs["neso-gb-2023-03-14.csv"][1],
        skipped_geo=", ".join("`%s`" % g for g in c["skipped_geo"]),
        unmapped=unm,
    )
    lines = [ln.rstrip() for ln in text.split("\n")]
    with open(os.path.join(OUT, "SOURCES.md"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------

def main():
    if not os.path.isdir(REF):
        print("reference data not found at %s" % REF, file=sys.stderr)
        sys.exit(2)
    os.makedirs(OUT, exist_ok=True)

    c_rows, c_zones, c_info = build_countries()
    e_rows, e_zones, e_maxdiff = build_egrid()
    g_rows, g_zones, g_info = build_gcp()
    zones = {}
    for part in (c_zones, e_zones, g_zones):
        for z, v in part.items():
            if z in zones:
                fail("zone %s defined twice" % z)
            zones[z] = v
    die_if_errors()

    cloud_rows, skipped_geo, unmapped = build_cloud_regions(zones)
    n_keys = check_collisions(zones, cloud_rows)
    die_if_errors()

    # factor tables
    tables = {"countries": c_rows, "egrid": e_rows, "gcp": g_rows}
    source_ids = {s[0] for s in SOURCES}
    if len(source_ids) != len(SOURCES):
        fail("duplicate source id in SOURCES")
    used_sources = set()
    zone_has_rows = {}
    for name, rows in tables.items():
        seen = set()
        for r in rows:
            key = (r[0], r[1])
            if key in seen:
                fail("%s: duplicate %r" % (name, key))
            seen.add(key)
            if r[0] not in zones or zones[r[0]]["table"] != name:
                fail("%s: zone %s not catalogued for this table" % (name, r[0]))
            if r[3] not in ("lifecycle", "operational") or r[4] not in ("production", "consumption", ""):
                fail("%s: bad basis/boundary %r" % (name, r))
            if not is_number(r[2]) or float(r[2]) < 0:
                fail("%s: bad value %r" % (name, r))
            if r[6] not in source_ids:
                fail("%s: unknown source %s" % (name, r[6]))
            used_sources.add(r[6])
            zone_has_rows[r[0]] = True
        if [(r[0], r[1]) for r in rows] != sorted((r[0], r[1]) for r in rows):
            fail("%s: not sorted" % name)
        write_csv(name + ".csv", FACTOR_COLUMNS, [list(r) + [SOURCE_READ[r[6]]] for r in rows])
    for z in zones:
        if z not in zone_has_rows:
            fail("zone %s has no factor rows" % z)

    write_csv("zones.csv", ["zone", "kind", "name", "aliases", "table"],
              [[z, zones[z]["kind"], zones[z]["name"], ";".join(zones[z]["aliases"]), zones[z]["table"]]
               for z in sorted(zones)])

    for r in cloud_rows:
        if r[4] not in zones:
            fail("cloud region %s/%s maps to unknown zone %s" % (r[0], r[1], r[4]))
        if r[6] not in source_ids:
            fail("cloud region %s/%s unknown source %s" % (r[0], r[1], r[6]))
        used_sources.add(r[6])
    write_csv("cloud-regions.csv", ["provider", "region", "aliases", "location", "maps_to", "reason", "source", "read"],
              [[r[0], r[1], ";".join(r[2])] + r[3:] + [SOURCE_READ[r[6]]] for r in cloud_rows])

    hourly_stats = build_hourly()
    used_sources |= {"eia930-hpe-dcrl-2022", "neso-carbon-intensity-api"}
    if used_sources != source_ids:
        fail("sources.csv ids unused or missing: %s" % sorted(used_sources ^ source_ids))
    write_csv("sources.csv", ["source", "title", "publisher", "published", "licence", "url", "read"],
              [list(s) + [SOURCE_READ[s[0]]] for s in sorted(SOURCES)])

    def val(table, zone, year):
        for r in tables[table]:
            if r[0] == zone and r[1] == year:
                return r[2]
        return None

    ctx = {
        "n": {"countries": len(c_rows), "egrid": len(e_rows), "gcp": len(g_rows), "zones": len(zones),
              "cloud": len(cloud_rows), "aws": sum(1 for r in cloud_rows if r[0] == "aws"),
              "azure": sum(1 for r in cloud_rows if r[0] == "azure"),
              "gcpr": sum(1 for r in cloud_rows if r[0] == "gcp"), "sources": len(SOURCES)},
        "nz": {t: sum(1 for z in zones.values() if z["table"] == t) for t in tables},
        "countries_info": c_info, "gcp_info": g_info, "hourly_stats": hourly_stats,
        "skipped_geo": skipped_geo, "unmapped": unmapped,
        "egrid_maxdiff": "%.4f" % e_maxdiff,
        "us2023": val("egrid", "eGRID:US", 2023), "us2022": val("egrid", "eGRID:US", 2022),
    }
    die_if_errors()
    write_sources_md(ctx)

    # spot values
    spots = [("OWID US 2024", val("countries", "US", 2024), 383.5, 0.1),
             ("OWID WORLD 2024", val("countries", "WORLD", 2024), 473.0, 0.1),
             ("eGRID2023 rev2 eGRID:US", val("egrid", "eGRID:US", 2023), 349.67, 0.005),
             ("eGRID2022 eGRID:US", val("egrid", "eGRID:US", 2022), 375.3, 0.05),
             ("eGRID2023 SRVC", val("egrid", "eGRID:SRVC", 2023), 269.0, 0.05),
             ("Google gcp:europe-west1 2024", val("gcp", "gcp:europe-west1", 2024), 103.37, 0.001)]
    print("Spot values:")
    for label, got, want, tol in spots:
        ok = got is not None and abs(float(got) - want) <= tol
        print("  %-30s %-10s expected ~%s  %s" % (label, got, want, "OK" if ok else "MISMATCH"))
        if not ok:
            fail("spot value %s = %s, expected %s" % (label, got, want))

    # byte-identical check against every reference file
    ref_hashes = {}
    for root, _, files in os.walk(REF):
        for fn in files:
            p = os.path.join(root, fn)
            ref_hashes.setdefault(sha256(p), p)
    print("Files written (data rows):")
    for p in written_files():
        h = sha256(p)
        if h in ref_hashes:
            fail("%s is byte-identical to %s" % (p, ref_hashes[h]))
        with open(p, encoding="utf-8") as f:
            content = f.read()
        if "\r" in content:
            fail("%s contains CR" % p)
        if any(ln != ln.rstrip() for ln in content.split("\n")):
            fail("%s has trailing whitespace" % p)
        n = content.count("\n") - (1 if p.endswith(".csv") else 0)
        print("  %-45s %6d %s" % (os.path.relpath(p, REPO), n, "lines" if not p.endswith(".csv") else "rows"))
    print("No output file is byte-identical to any of %d reference files (sha256)." % len(ref_hashes))
    print("Distinct lookup keys (zone ids, aliases, cloud regions and aliases): %d, no collisions." % n_keys)
    print("Zero values kept (source says 0): countries %d, gcp %d." % (len(c_info["zero_rows"]), len(g_info["zero_rows"])))
    for z in c_info["zero_rows"] + g_info["zero_rows"]:
        print("  %s %d = %s" % z)
    print("EU gap filled from 'EU (Ember)': %s" % (c_info["eu_fill"] or "none"))
    print("Skipped Azure geography names: %s" % ", ".join(skipped_geo))
    print("Unmapped cloud regions: %s" % ("; ".join("%s/%s" % k for k in sorted(unmapped)) or "none"))
    die_if_errors()
    print("All checks passed.")


if __name__ == "__main__":
    main()
