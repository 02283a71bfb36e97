#!/usr/bin/env python3
"""Writes tests/conformance/deid-corpus.json: realistic Swedish de-identified summaries as a
TSI team would write them before consent (R-DI-1), half that must pass, half that must fail,
each with the exact findings expected. Names written into free text cannot be told from other
words and are not detected (README); the cases that fail here fail on what can be detected."""
import json
import pathlib

PASS = [
    "Flicka 12 år, hög frånvaro sedan höstlovet, ca 40 % av lektionerna. Mentor oroad.",
    "Pojke 9 år som ofta kommer hungrig till skolan. Vårdnadshavare svåra att nå.",
    "Elev i åk 8 med ströfrånvaro, främst måndagar. Berättar om sömnsvårigheter.",
    "Barn 6 år i förskoleklass, utåtagerande i grupp, behöver stöd i övergångar.",
    "Flicka 15 år, nedstämd enligt elevhälsan, har uteblivit från idrotten hela terminen.",
    "Pojke 11 år, oro för hemsituationen efter separation. Två yngre syskon.",
    "Elev 14 år, misstänkt självskada, skolsköterskan har haft samtal två gånger.",
    "Barn 4 år på förskola, språkförsening, familjen nyanländ sedan ett år.",
    "Pojke 13 år, konflikter med klasskamrater, hemma mycket på kvällarna enligt honom själv.",
    "Flicka 16 år i gymnasiet, frånvaro 60 % senaste månaden, jobbar nätter.",
    "Elev 10 år som inte vill gå hem efter skolan, säger att det är bråk hemma.",
    "Pojke 7 år, trötthet och koncentrationssvårigheter, misstänkt ADHD enligt lärare.",
    "Flicka 12 år, ätstörningsproblematik misstänks, vikten har gått ner under terminen.",
    "Elev 15 år med drogmisstanke, har setts med äldre ungdomar vid centrum.",
    "Barn 8 år, ofta sjukanmält, föräldrarna vill inte ha kontakt med skolan.",
    "Pojke 14 år, hemmasittare sedan vecka 38, tidigare god närvaro.",
    "Flicka 9 år, berättar om våld mellan de vuxna hemma, orosanmälan övervägs.",
    "Elev 11 år med diagnos inom autismspektrum, behöver samordning med habiliteringen.",
    "Pojke 16 år, kriminalitet i umgänget, frånvaro 30 %, mamma orolig.",
    "Flicka 13 år, mobbning via sociala medier, vill byta skola.",
    "Barn 5 år, familjen bor trångt, föräldrarna saknar arbete, barnet hungrigt på måndagar.",
    "Elev 12 år med läs- och skrivsvårigheter och låg självkänsla, vill inte gå till skolan.",
    "Pojke 15 år, ångest inför prov, kräks på morgonen, frånvaro 25 %.",
    "Flicka 10 år, ansvar för yngre syskon, kommer ofta sent.",
    "Elev 17 år, bor delvis hos kamrater, oklart boende sedan några veckor.",
    "Pojke 12 år, stöld i skolan vid flera tillfällen, verkar sakna fickpengar.",
    "Flicka 14 år, relation med betydligt äldre pojkvän, skolan är orolig.",
    "Barn 7 år, föräldern har psykisk ohälsa enligt egen uppgift, barnet tar stort ansvar.",
    "Elev 13 år, sömnproblem och spelande nätter, trött och irriterad i skolan.",
    "Pojke 10 år, familjen har flyttat tre gånger på två år, svårt med kamrater.",
    "Flicka 15 år, uttrycker hopplöshet, elevhälsan följer upp varje vecka.",
    "Pojke 8 år, slår andra barn på rasterna, vuxna har sett blåmärken på honom vid två tillfällen.",
    "Elev 16 år, graviditet misstänks, vill inte att föräldrarna får veta.",
    "Flicka 11 år, skolan har noterat att hon bär samma kläder hela veckan och luktar illa.",
    "Barn 3 år på förskola, hämtas ofta sent av en berusad förälder enligt personalen.",
]

FAIL = [
    ("Pojke 121212-1212, 3 syskon, hög frånvaro.", ["DEID_ID_NUMBER_IN_TEXT"]),
    ("Flicka, pnr 20121212-1212, oro för hemmet.", ["DEID_ID_NUMBER_IN_TEXT"]),
    ("Elev med personnummer 121212–1212 (tankstreck), frånvaro 50 %.", ["DEID_ID_NUMBER_IN_TEXT"]),
    ("Pojke １２１２１２-１２１２ enligt gamla journalen.", ["DEID_ID_NUMBER_IN_TEXT"]),
    ("Pnr 121212 1212 stod i anmälan från skolan.", ["DEID_ID_NUMBER_IN_TEXT"]),
    ("Samordningsnummer 701063-2391, nyanländ familj.", ["DEID_ID_NUMBER_IN_TEXT"]),
    ("Mamma nås på 070-123 45 67 efter kl 16.", ["DEID_PHONE_IN_TEXT"]),
    ("Ring pappa på +46 70 123 45 67 om han inte svarar på mejl.", ["DEID_PHONE_IN_TEXT"]),
    ("Kontakta mentorn, tel 08-123 456 78.", ["DEID_PHONE_IN_TEXT"]),
    ("Skriv till vårdnadshavaren på pappa.andersson@example.se.", ["DEID_EMAIL_IN_TEXT"]),
    ("Mamma har mejlat från mamma@example.com och ber om möte.", ["DEID_EMAIL_IN_TEXT"]),
    ("Född 2014-05-03, går i åk 6.", ["DEID_EXACT_DATE_IN_TEXT"]),
    ("Barnet föddes 3 maj 2014 och har alltid haft svårt i skolan.", ["DEID_EXACT_DATE_IN_TEXT"]),
    ("Frånvaron började 12/9/2025 efter en händelse på rasten.", ["DEID_EXACT_DATE_IN_TEXT"]),
    ("Pojke 121212-1212, nås på 070-123 45 67.", ["DEID_ID_NUMBER_IN_TEXT", "DEID_PHONE_IN_TEXT"]),
    ("Född 20140503, mamma på mamma@example.se.", ["DEID_EMAIL_IN_TEXT", "DEID_EXACT_DATE_IN_TEXT"]),
    ("Enligt BVC-journalen (191212121212) har barnet fått alla vaccinationer.", ["DEID_ID_NUMBER_IN_TEXT"]),
    ("Storebror har samma skola, hans nummer 121212+1212 enligt gamla listor.", ["DEID_ID_NUMBER_IN_TEXT"]),
    ("Föräldramöte bokat 14 oktober, mamma kommer.", ["DEID_EXACT_DATE_IN_TEXT"]),
]

# Whole documents with identifying fields, in keys or in ext.
DOCS = [
    ({"child_name": "x"}, [("/child_name", "DEID_IDENTIFIER_FIELD")]),
    ({"pnr": "x"}, [("/pnr", "DEID_IDENTIFIER_FIELD")]),
    ({"personnummer": "x"}, [("/personnummer", "DEID_IDENTIFIER_FIELD")]),
    ({"namn": "x"}, [("/namn", "DEID_IDENTIFIER_FIELD")]),
    ({"adress": "x"}, [("/adress", "DEID_IDENTIFIER_FIELD")]),
    ({"ext": {"hemadress": "x"}}, [("/ext/hemadress", "DEID_IDENTIFIER_FIELD")]),
    ({"ext": {"x": 191212121212}}, [("/ext/x", "DEID_ID_NUMBER_IN_TEXT")]),
    ({"ext": {"kontakt": {"mobilnr": "x"}}}, [("/ext/kontakt/mobilnr", "DEID_IDENTIFIER_FIELD")]),
    ({"ext": {"note": "mamma nås på 0701234567"}}, [("/ext/note", "DEID_PHONE_IN_TEXT")]),
]


def summary(text, **extra):
    return {"schema_version": 1, "raised_by": "School", "age_years": 12, "concern_areas": ["SchoolAttendance"],
            "summary": text, "municipality_children": 12000, **extra}


def case(id_, doc, expect):
    return {"id": id_, "rule": "R-DI-1", "op": "deid.check", "input": {"summary": doc}, "expect": expect}


CASES = []
for i, text in enumerate(PASS):
    CASES.append(case(f"deid-corpus-passes-{i + 1:02d}", summary(text), {"ok": {"valid": True, "findings": []}}))
for i, (text, codes) in enumerate(FAIL):
    findings = [{"path": "/summary", "code": c, "severity": "error" if c != "DEID_EXACT_DATE_IN_TEXT" else "warning"}
                for c in sorted(codes)]
    valid = all(f["severity"] != "error" for f in findings)
    CASES.append(case(f"deid-corpus-fails-{i + 1:02d}", summary(text), {"ok": {"valid": valid, "findings": findings}}))
for i, (extra, found) in enumerate(DOCS):
    findings = [{"path": p, "code": c} for p, c in found]
    CASES.append(case(f"deid-corpus-field-{i + 1:02d}", summary("Elev 12 år med hög frånvaro.", **extra),
                      {"ok": {"valid": False, "findings": findings}}))
# A second "summary" key must not hide the first one.
CASES.append({"id": "deid-corpus-duplicate-summary-key", "rule": "R-DI-1", "op": "deid.check",
              "input": {"summary_text": '{"schema_version":1,"raised_by":"School","summary":"Pojke 121212-1212",'
                                        '"summary":"Pojke 12 år"}'},
              "expect": {"error": {"code": "JSON_DUPLICATE_FIELD", "path": "/summary"}}})

out = pathlib.Path(__file__).resolve().parent.parent / "deid-corpus.json"
out.write_text(json.dumps({"$schema": "./case.schema.json", "cases": CASES}, ensure_ascii=False, indent=1) + "\n")
print(f"{len(CASES)} cases ({len(PASS)} pass, {len(FAIL) + len(DOCS) + 1} fail) written to {out}")
