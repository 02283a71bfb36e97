#!/usr/bin/env python3
"""Writes tests/conformance/deid-corpus.json: realistic Swedish de-identified summaries as a
TSI team would write them before consent (R-DI-1) — about half clean, half with an identifier
planted — each with the exact findings expected and, in "planted", the kinds of identifier
put in it. crates/tsi-core/tests/deid_corpus.rs measures caught and false alarms per kind
from these labels; MISSED lists what the engine does not catch (names outside its list)."""
import json
import pathlib
import unicodedata

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
    # (text, the kinds of identifier planted in it)
    ("Pojke 121212-1212, 3 syskon, hög frånvaro.", ["id"]),
    ("Flicka, pnr 20121212-1212, oro för hemmet.", ["id"]),
    ("Elev med personnummer 121212–1212 (tankstreck), frånvaro 50 %.", ["id"]),
    ("Pojke １２１２１２-１２１２ enligt gamla journalen.", ["id"]),
    ("Pnr 121212 1212 stod i anmälan från skolan.", ["id"]),
    ("Samordningsnummer 701063-2391, nyanländ familj.", ["id"]),
    ("Mamma nås på 070-123 45 67 efter kl 16.", ["phone"]),
    ("Ring pappa på +46 70 123 45 67 om han inte svarar på mejl.", ["phone"]),
    ("Kontakta mentorn, tel 08-123 456 78.", ["phone"]),
    ("Skriv till vårdnadshavaren på pappa.andersson@example.se.", ["email"]),
    ("Mamma har mejlat från mamma@example.com och ber om möte.", ["email"]),
    ("Född 2014-05-03, går i åk 6.", ["date"]),
    ("Barnet föddes 3 maj 2014 och har alltid haft svårt i skolan.", ["date"]),
    ("Frånvaron började 12/9/2025 efter en händelse på rasten.", ["date"]),
    ("Pojke 121212-1212, nås på 070-123 45 67.", ["id", "phone"]),
    ("Född 20140503, mamma på mamma@example.se.", ["email", "date"]),
    ("Enligt BVC-journalen (191212121212) har barnet fått alla vaccinationer.", ["id"]),
    ("Storebror har samma skola, hans nummer 121212+1212 enligt gamla listor.", ["id"]),
    ("Föräldramöte bokat 14 oktober, mamma kommer.", ["date"]),
    # Personal numbers however spaced, in any script's digits.
    ("Pnr 12 12 12 - 12 12 enligt anmälan.", ["id"]),
    ("Personnummer 1212 12 12 12 står på blanketten.", ["id"]),
    ("Pojke \u0661\u0662\u0661\u0662\u0661\u0662-\u0661\u0662\u0661\u0662, tre syskon.", ["id"]),
    ("Flicka \u06f2\u06f0\u06f1\u06f2\u06f1\u06f2\u06f1\u06f2-\u06f1\u06f2\u06f1\u06f2 enligt tolken.", ["id"]),
    ("Barn \u0967\u0968\u0967\u0968\u0967\u0968-\u0967\u0968\u0967\u0968 enligt anmälan.", ["id"]),
    ("19121212 - 1212 står i journalen från vårdcentralen.", ["id"]),
    ("Mammans samordningsnummer 701063 2391 finns i ansökan.", ["id"]),
    ("Pojke \U0001d7cf\U0001d7d0\U0001d7cf\U0001d7d0\U0001d7cf\U0001d7d0-\U0001d7cf\U0001d7d0\U0001d7cf\U0001d7d0 kopierat från ett formulär.", ["id"]),
    ("Elev i åk 6 121212-1212 har hög frånvaro.", ["id"]),
    ("Pnr 1212121212 enligt skolans lista.", ["id"]),
    # Street addresses and postcodes.
    ("Eleven bor på Storgatan 12 i Åsele.", ["address"]),
    ("Familjen bor på Björkvägen 3B sedan i våras.", ["address"]),
    ("Adress: Kvarngränd 4, lägenhet på andra våningen.", ["address"]),
    ("Pojke 10 år, bor på Ringvägen 45 med mamma.", ["address"]),
    ("Familjen har flyttat till Södra Allén 7 enligt skolan.", ["address"]),
    ("Bor hos pappa på Lillgatan 3 varannan vecka.", ["address"]),
    ("Skolan har skickat brev hem till Tallstigen 9.", ["address"]),
    ("Postadress 123 45 Åsele enligt blanketten.", ["address"]),
    ("Familjen är skriven på 912 32 Vilhelmina.", ["address"]),
    ("Mamma har skyddat boende, tidigare Parkvägen 14.", ["address"]),
    ("Polisen var hemma hos familjen på Skolgatan 21 i helgen.", ["address"]),
    ("Eleven bor på Kyrkbacken 2 hos morföräldrarna.", ["address"]),
    ("Familjen flyttade från Stortorget 5 i våras.", ["address"]),
    ("S-903 25 Umeå står som adress i anmälan.", ["address"]),
    ("Bor hos mormor på Hamngatan 8 C, nära skolan.", ["address"]),
    ("Lägenheten på Granvägen 17 är trångbodd enligt socialtjänsten.", ["address"]),
    # School classes.
    ("Eleven Kalle Andersson i klass 7B har hög frånvaro.", ["name", "class"]),
    ("Flicka i 6A med hög frånvaro sedan jul.", ["class"]),
    ("Pojke 13 år i klass 7 B, konflikter på rasterna.", ["class"]),
    ("Eleven går i 9C och har ströfrånvaro.", ["class"]),
    ("Mentor för klass 8:3 har larmat elevhälsan.", ["class"]),
    ("Elev i åk 5b som ofta kommer utan frukost.", ["class"]),
    ("Klassföreståndaren i 4B har sett blåmärken.", ["class"]),
    ("Flicka, 3A, berättar om bråk hemma.", ["class"]),
    ("Eleven byter från 8A till 8C efter mobbning.", ["class"]),
    ("Tre elever i 7D har anmält mobbning mot eleven.", ["class"]),
    ("I klassen 2B finns flera barn med oro för eleven.", ["class"]),
    ("Eleven i årskurs 6 c har slutat komma på eftermiddagarna.", ["class"]),
    ("Pojke 15 år i 9A, hemmasittare sedan oktober.", ["class"]),
    ("Läraren i 1B har sett att barnet saknar matsäck.", ["class"]),
    ("Elev i klass 5:1 med koncentrationssvårigheter.", ["class"]),
    # Names.
    ("Mamma Fatima har hört av sig flera gånger.", ["name"]),
    ("Pojke 12 år, storebror Ali går på samma skola.", ["name"]),
    ("Enligt mentor Johansson är frånvaron ogiltig.", ["name"]),
    ("Flicka 10 år, Elsa, har slutat äta lunch.", ["name"]),
    ("Emils mamma har bett om ett möte.", ["name"]),
    ("Pappa Mikael Nilsson ringer skolan dagligen.", ["name"]),
    ("Wilma 14 år har mått dåligt länge enligt skolsköterskan.", ["name"]),
    ("Lillebror Noah, 4 år, går på förskolan bredvid.", ["name"]),
    ("Kontaktperson på socialtjänsten är Eva Lindqvist.", ["name"]),
    ("Eleven vill bara prata med kuratorn Åsa.", ["name"]),
    ("Hugo har bott hos mormor sedan sommaren.", ["name"]),
    ("Flicka 15 år, pojkvännen Elias är 19.", ["name"]),
    ("Barnet kallas Nisse hemma, utåtagerande i skolan.", ["name"]),
    ("Morfar Bengt hämtar ofta barnet på förskolan.", ["name"]),
    ("Pojke 8 år, Oliver enligt förskolan, slår andra barn.", ["name"]),
    ("Mamma Sara Svensson har egen kontakt med psykiatrin.", ["name"]),
    ("Elsa och Maja i samma grupp har också berättat om oro.", ["name"]),
    ("Skolsköterskan Ingrid har följt eleven i två år.", ["name"]),
    ("Pojke 13 år, familjen Hassan kom till Sverige för två år sedan.", ["name"]),
    ("Flicka 11 år, kompisen Saga har berättat om skärandet.", ["name"]),
    ("Pojke 9 år som kallas Bo av familjen.", ["name"]),
    ("Eleven Zeynep, 14 år, har slutat komma till skolan.", ["name"]),
    ("Pappa Jukka har druckit vid hämtning enligt personalen.", ["name"]),
    ("Enligt läraren Gunnarsson sover eleven på lektionerna.", ["name"]),
    ("Mentorn Lindberg har haft två samtal med eleven.", ["name"]),
    ("Eleven Mohammed har varit borta sedan höstlovet.", ["name"]),
    ("Pojke 10 år, Liam, har berättat om slag hemma.", ["name"]),
    ("Farmor Birgitta tar hand om barnen på helgerna.", ["name"]),
    ("Grannen Persson har ringt polisen två gånger.", ["name"]),
    ("Storasyster Ebba, 17 år, tar stort ansvar hemma.", ["name"]),
    ("Eleven berättar att Leo i parallellklassen hotar honom.", ["name"]),
    ("Klara mår dåligt och vill inte gå till skolan.", ["name"]),
    ("Mamma till Alva har sökt hjälp på BUP.", ["name"]),
    ("Pappa Anders Berg är arbetslös sedan i våras.", ["name"]),
    ("Pojke 14 år, vännen Ahmed har blivit rånad.", ["name"]),
    ("Flicka 12 år, Linnéa, hoppar över lunchen.", ["name"]),
    ("Eleven och kompisen Wilmer har setts med äldre killar.", ["name"]),
    ("Styvpappa Dragan har flyttat in nyligen.", ["name"]),
    ("Barnets moster Karin vill bli kontaktperson.", ["name"]),
    ("Läraren Eriksson och kuratorn Holm har larmat.", ["name"]),
    ("Flicka 9 år, lillasyster Astrid är 3 år.", ["name"]),
]

# Clean summaries with the near misses staff write every day: grades without a class letter,
# counts after street-like words, capitalised words that are not names, names that are also
# words at the start of a sentence, times, ranges, school years and units.
PASS += [
    "Pojke 14 år i åk 8, frånvaro 35 % sedan vecka 40.",
    "Flicka 10 år har gått skolvägen 2 gånger ensam och vänt hem.",
    "Elev i årskurs 9 som spelar 3D-spel hela nätterna.",
    "Barn 6 år i förskoleklass, ofta trött på morgonen.",
    "Pojke 12 år, pappa arbetar skift, mamma har varit sjukskriven i 3 månader.",
    "Hon säger att hon vill bo hos pappa och inte hos mamma.",
    "Bor växelvis hos föräldrarna, en vecka i taget.",
    "Max två timmar skärmtid per dag enligt överenskommelse med elevhälsan.",
    "Per vecka uteblir eleven från ungefär fyra lektioner.",
    "Eleven ska utredas av BUP, väntetiden är 6 månader.",
    "Socialtjänsten har haft 2 samtal med familjen, skolan 3.",
    "Elevhälsan (kurator och skolsköterska) träffar eleven 1 gång per vecka.",
    "Åk 7, nyanländ sedan 2 år, talar arabiska och lite svenska.",
    "Pojke 15 år, 175 cm lång, har gått ner 8 kg på en termin.",
    "Flicka 13 år i en klass med många konflikter, mentor har bytts 2 gånger.",
    "Familjen har flyttat från Göteborg till Umeå under året.",
    "Elev 16 år på introduktionsprogrammet, frånvaro 70 %.",
    "Kontakt med BUP sedan HT23, ingen kontakt under VT24.",
    "Pojke 9 år, ADHD-utredning pågår, medicin sedan 4 veckor.",
    "Elev 12 år, SIP övervägs, 3 verksamheter är inblandade.",
    "Flicka 8 år lämnas kl 7.15 och hämtas kl 17.30 av olika vuxna.",
    "Mamma ringer skolan 5-6 gånger i veckan och är mycket orolig.",
    "Pojke 11 år, ett av fyra syskon, delar rum med två av dem.",
    "Barnet har två hem och pendlar 40 km till skolan.",
    "Eleven vill bli kallad vid ett annat namn än det registrerade.",
    "Eleven har skrivit på Instagram att hon inte vill leva längre.",
    "Pojke 13 år spelar Fortnite till 3 på natten, somnar på lektionerna.",
    "Flicka 12 år har ätit lunch 1 av 5 dagar senaste veckan.",
    "Gemensam vårdnad, pappa bor i en annan kommun.",
    "En lärare har sett märken på armarna vid 2 tillfällen under HT.",
    "Kuratorn har haft 4 samtal, eleven vill ha fler.",
    "Läsåret 2025/26 har frånvaron ökat från 10 till 45 %.",
    "Elev 15 år, frånvaro vecka 12-14, sedan sjukskriven.",
    "Stig fram och prata med mentorn, säger eleven att mamma brukar säga.",
    "Liv och hälsa-enkäten visar låg trivsel i gruppen.",
    "Saga läses högt i klassrummet, eleven lämnar rummet varje gång.",
    "Barn 5 år på förskolan Björken, avdelningen för de äldre barnen.",
    "Pojke 14 år, har varit på BUP:s akutmottagning en gång.",
    "Elev 11 år med stödundervisning i matematik 2 timmar i veckan.",
    "Flicka 16 år, bor på HVB sedan i somras, skolgång oregelbunden.",
    "Pojke 10 år, familjen bor i en trerumslägenhet med 7 personer.",
    "Elev 13 år, har fått 3 varningar för skolk, ingen förbättring.",
    "Barn 7 år, talar mycket om en hund som familjen lämnat bort.",
    "Flicka 14 år, tränar 6 dagar i veckan och äter lite.",
    "Pojke 12 år som ofta är på fritidsgården till kl 22.",
    "Elev i åk 4 med problematisk frånvaro, ca 20 % av tiden.",
    "Vårdnadshavarna samtycker till kontakt med BVC men inte med BUP.",
    "Elev 17 år, ska flytta hemifrån, socialtjänsten utreder boendet.",
    "Pojke 8 år, hörselnedsättning, tolk behövs vid möten.",
    "Flicka 9 år som hjälper mamma med räkningar och myndighetskontakter.",
    "Elev 15 år, kallas in till polisförhör enligt egen uppgift.",
    "Barn 4 år, förskolan ser tecken på försummad tandhälsa.",
    "Pojke 16 år, har slutat på fotbollen och isolerar sig.",
    "Flicka 11 år, säger att hon är rädd för pappas nya partner.",
    "Elev 14 år, skolan misstänker hedersrelaterat förtryck.",
    "Pojke 13 år, kommer ofta för sent, har ansvar för lillasyster på morgonen.",
    "Elev 12 år, 2 av 3 vårdnadshavare nåbara, den tredje bor utomlands.",
    "Flicka 10 år med hög frånvaro efter operation, hemundervisning i 6 veckor.",
    "Pojke 15 år, tänder eld på saker, brandförsvaret har varit inkopplat.",
    "Elev 16 år, har varit på ungdomsmottagningen 3 gånger i höst.",
    "Barn 6 år, blir ofta hämtad av en granne, föräldrarna arbetar sent.",
    "Elev 13 år, ledsen sedan morföräldern dog i våras.",
    "Pojke 11 år, vill inte byta om på idrotten, skolan vet inte varför.",
    "Flicka 12 år, skolsköterskan noterar viktuppgång på 10 kg på ett år.",
    "Elev 9 år, mobbad på rasterna, rastvakter har satts in 2 dagar i veckan.",
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


CODES = {"id": "DEID_ID_NUMBER_IN_TEXT", "phone": "DEID_PHONE_IN_TEXT", "email": "DEID_EMAIL_IN_TEXT",
         "date": "DEID_EXACT_DATE_IN_TEXT", "address": "DEID_ADDRESS_IN_TEXT", "class": "DEID_SCHOOL_CLASS_IN_TEXT",
         "name": "DEID_NAME_IN_TEXT"}

# Planted identifiers the engine does not catch (names outside the list), and what it reports
# instead: the corpus measures the misses rather than hiding them.
MISSED = {
    "Eleven vill bara prata med kuratorn Åsa.": [],
    "Eleven Zeynep, 14 år, har slutat komma till skolan.": [],
    "Pappa Jukka har druckit vid hämtning enligt personalen.": [],
    "Styvpappa Dragan har flyttat in nyligen.": [],
}


def findings_of(codes):
    return [{"path": "/summary", "code": c, "severity": "warning" if c == "DEID_EXACT_DATE_IN_TEXT" else "error"}
            for c in sorted(codes)]


def corpus_case(id_, text, planted):
    codes = MISSED.get(text, [CODES[k] for k in planted])
    findings = findings_of(codes)
    valid = all(f["severity"] != "error" for f in findings)
    c = case(id_, summary(text), {"ok": {"valid": valid, "findings": findings}})
    c["planted"] = planted
    return c


CASES = []
for i, text in enumerate(PASS):
    CASES.append(corpus_case(f"deid-corpus-passes-{i + 1:03d}", text, []))
for i, (text, planted) in enumerate(FAIL):
    CASES.append(corpus_case(f"deid-corpus-fails-{i + 1:03d}", text, planted))
for i, (extra, found) in enumerate(DOCS):
    findings = [{"path": p, "code": c} for p, c in found]
    CASES.append(case(f"deid-corpus-field-{i + 1:02d}", summary("Elev 12 år med hög frånvaro.", **extra),
                      {"ok": {"valid": False, "findings": findings}}))
# A personal number in the digits of every script Unicode has (category Nd), from Python's own
# Unicode data: the engine's digit table is checked against an independent source.
ZEROS = [cp for cp in range(0x80, 0x110000)
         if unicodedata.category(chr(cp)) == "Nd" and unicodedata.decimal(chr(cp)) == 0]
for zero in ZEROS:
    number = "".join(chr(zero + int(d)) if d.isdigit() else d for d in "121212-1212")
    CASES.append(case(f"deid-digits-{zero:05x}", summary(f"Pojke {number}, tre syskon."),
                      {"ok": {"valid": False, "findings": findings_of([CODES["id"]])}}))
# A second "summary" key must not hide the first one.
CASES.append({"id": "deid-corpus-duplicate-summary-key", "rule": "R-DI-1", "op": "deid.check",
              "input": {"summary_text": '{"schema_version":1,"raised_by":"School","summary":"Pojke 121212-1212",'
                                        '"summary":"Pojke 12 år"}'},
              "expect": {"error": {"code": "JSON_DUPLICATE_FIELD", "path": "/summary"}}})

out = pathlib.Path(__file__).resolve().parent.parent / "deid-corpus.json"
out.write_text(json.dumps({"$schema": "./case.schema.json", "cases": CASES}, ensure_ascii=False, indent=1) + "\n")
print(f"{len(CASES)} cases ({len(PASS)} clean, {len(FAIL)} planted, {len(DOCS) + 1} documents, "
      f"{len(ZEROS)} scripts' digits) written to {out}")
