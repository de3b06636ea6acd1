<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nb_NO">
<context>
    <name>BasemapMixin</name>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="42"/>
        <source>Bakgrunnska&amp;rt</source>
        <translation>&amp;Background map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="47"/>
        <source>&amp;Ingen</source>
        <translation>&amp;None</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="47"/>
        <source>&amp;Vektorkontekst fra datasettet (frakoblet)</source>
        <translation>&amp;Vector context from the dataset (offline)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="48"/>
        <source>Kartverket &amp;topografisk (nett)</source>
        <translation>Kartverket &amp;topographic (online)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="49"/>
        <source>Kartverket &amp;gråtone (nett)</source>
        <translation>Kartverket &amp;grey (online)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="50"/>
        <source>&amp;OpenStreetMap (nett)</source>
        <translation>&amp;OpenStreetMap (online)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="60"/>
        <source>Egen &amp;nettadresse (XYZ/WMTS) …</source>
        <translation>Own tile &amp;URL (XYZ/WMTS)…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="62"/>
        <source>Kartfliser fra &amp;fil (MBTiles, PMTiles, GeoPackage) …</source>
        <translation>Tiles from a &amp;file (MBTiles, PMTiles, GeoPackage)…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="93"/>
        <source>Bakgrunnskart</source>
        <translation>Background map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="104"/>
        <source>Bakgrunnskart fra nett</source>
        <translation>Online background map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="105"/>
        <source>Adressemal for kartfliser (XYZ eller WMTS) med {z}, {x} og {y}:</source>
        <translation>Tile URL template (XYZ or WMTS) with {z}, {x} and {y}:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="113"/>
        <source>Kartfliser fra fil</source>
        <translation>Tiles from a file</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="114"/>
        <source>Kartfliser (*.mbtiles *.pmtiles *.gpkg)</source>
        <translation>Map tiles (*.mbtiles *.pmtiles *.gpkg)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="134"/>
        <source>Bakgrunnskart: vektorkontekst ({e})</source>
        <translation>Background map: vector context ({e})</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="140"/>
        <source>Fiktive data: bakgrunnskart fra nett brukes ikke – viser vektorkonteksten</source>
        <translation>Fictional data: no online background map – showing the vector context</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="146"/>
        <source>Bakgrunnskartet kan ikke brukes: {e}</source>
        <translation>The background map cannot be used: {e}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="147"/>
        <source>Bakgrunnskart: vektorkontekst (filen kan ikke leses)</source>
        <translation>Background map: vector context (the file cannot be read)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="149"/>
        <source>Bakgrunnskart: {name}</source>
        <translation>Background map: {name}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/basemap_settings.py" line="202"/>
        <source>Frakoblet: viser vektorkonteksten og lagrede kartfliser</source>
        <translation>Offline: showing the vector context and stored tiles</translation>
    </message>
</context>
<context>
    <name>CandidatesTab</name>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="63"/>
        <source>Navn (valgfritt), f.eks. Østbyen</source>
        <translation>Name (optional), e.g. Østbyen</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="65"/>
        <source>Legg til utvalget som kandidat</source>
        <translation>Add selection as candidate</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="67"/>
        <source>De valgte sonene blir ett kandidatområde. Sonene må grense til hverandre.</source>
        <translation>The selected zones become one candidate area. The zones must border each other.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="79"/>
        <source>Fjern</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="81"/>
        <source>Velg i kartet</source>
        <translation>Select on map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="82"/>
        <source>Velger kandidatens soner i kartet og tabellen.</source>
        <translation>Selects the candidate&apos;s zones on the map and in the table.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="83"/>
        <source>Sammenlign</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="84"/>
        <source>Sammenligner 2–5 kandidater side om side.</source>
        <translation>Compares 2–5 candidates side by side.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="111"/>
        <source>Persentil blant sonene (1 = mest belastet)</source>
        <translation>Percentile among the zones (1 = most burdened)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="112"/>
        <source>Forhold til kommunen (100 = kommunen)</source>
        <translation>Ratio to the municipality (100 = the municipality)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="120"/>
        <source>Vis:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="127"/>
        <source>Tabell</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="128"/>
        <source>Kart</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="129"/>
        <source>Profil</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="153"/>
        <source>1 sone</source>
        <translation>1 zone</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="153"/>
        <source>{n} soner</source>
        <translation>{n} zones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="158"/>
        <source>Ingen soner valgt. Velg sonene i kartet, sonetabellen eller rangeringen (Ctrl/Shift for flere).</source>
        <translation>No zones selected. Select zones on the map, in the zone table or in the ranking (Ctrl/Shift for more).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="161"/>
        <source>Utvalg: {n} – {z}</source>
        <translation>Selection: {n} – {z}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="164"/>
        <source>Utvalg: {n} – {z} …</source>
        <translation>Selection: {n} – {z} …</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="184"/>
        <source>{a} og {b}</source>
        <translation>{a} and {b}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="186"/>
        <source>{a} m.fl. ({n} soner)</source>
        <translation>{a} and others ({n} zones)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="206"/>
        <source>Velg først en eller flere sammenhengende soner i kartet, sonetabellen eller rangeringen.</source>
        <translation>First select one or more contiguous zones on the map, in the zone table or in the ranking.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="210"/>
        <source>Det kan være høyst {n} kandidater. Fjern en før du legger til en ny.</source>
        <translation>There can be at most {n} candidates. Remove one before adding another.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="214"/>
        <source>Disse sonene er allerede kandidaten «{c}».</source>
        <translation>These zones are already the candidate ‘{c}’.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="218"/>
        <source>Det finnes allerede en kandidat som heter «{c}». Velg et annet navn.</source>
        <translation>A candidate called ‘{c}’ already exists. Choose another name.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="230"/>
        <source>Sonene henger ikke sammen: {a} grenser ikke til {b}. Et kandidatområde må være sammenhengende – legg til sonene imellom, eller velg bare naboer.</source>
        <translation>The zones are not contiguous: {a} does not border {b}. A candidate area must be contiguous – add the zones in between, or select only neighbours.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="237"/>
        <source>La til «{c}»: {z}, {p} bosatte.</source>
        <translation>Added ‘{c}’: {z}, {p} residents.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="302"/>
        <source>bosatte</source>
        <translation>residents</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="303"/>
        <source>{c} – {z}{p}</source>
        <translation>{c} – {z}{p}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="331"/>
        <source>Legg til 2–{n} kandidater for å sammenligne dem.</source>
        <translation>Add 2–{n} candidates to compare them.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="354"/>
        <source>Sammenligner {n} kandidater …</source>
        <translation>Comparing {n} candidates…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="368"/>
        <source>Sammenlignet {n} kandidater. Verdiene er regnet ut på nytt fra tellere og nevnere for hele området.</source>
        <translation>Compared {n} candidates. The values are recomputed from numerators and denominators for the whole area.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="393"/>
        <source>Måltall</source>
        <translation>Measure</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="393"/>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="393"/>
        <source>Kommunen</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="417"/>
        <source>{r} av {n}</source>
        <translation>{r} of {n}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="428"/>
        <source>Regnet ut som: {m}</source>
        <translation>Computed as: {m}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="430"/>
        <source>Ville vært nr. {r} av {n} soner (1 = mest belastet)</source>
        <translation>Would rank {r} of {n} zones (1 = most burdened)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="445"/>
        <source>Rosa felt: verre enn kommunen (retningen på indikatoren tatt med).</source>
        <translation>Pink cells: worse than the municipality (taking the indicator&apos;s direction into account).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="474"/>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="575"/>
        <source>Sammenlign kandidatene for å se dem på kartet.</source>
        <translation>Compare the candidates to see them on the map.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="493"/>
        <source>rang {r} av {n}</source>
        <translation>rank {r} of {n}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="496"/>
        <source>Sammensatt indeks med vektene i «Rangering» (mørkere = mer belastet); kandidaten svart omrisset</source>
        <translation>Composite index with the weights in ‘Ranking’ (darker = more burdened); candidate outlined in black</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="506"/>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="577"/>
        <source>Sammenlign kandidatene for å se profilen.</source>
        <translation>Compare the candidates to see the profile.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="557"/>
        <source>Forhold til kommunen, logaritmisk (100 = kommunen; * = høyt er bra)</source>
        <translation>Ratio to the municipality, logarithmic (100 = the municipality; * = high is good)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/candidates_tab.py" line="561"/>
        <source>Persentil blant sonene: 1 = mest belastet, 0,5 = midt på</source>
        <translation>Percentile among the zones: 1 = most burdened, 0.5 = middle</translation>
    </message>
</context>
<context>
    <name>ClassificationPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="30"/>
        <source>f.eks. 5; 10; 15; 20</source>
        <translation>e.g. 5; 10; 15; 20</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="36"/>
        <source>Metode:</source>
        <translation>Method:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="37"/>
        <source>Antall klasser:</source>
        <translation>Number of classes:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="38"/>
        <source>Egne grenser:</source>
        <translation>Custom breaks:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="54"/>
        <source>Grensene må være tall, skilt med semikolon</source>
        <translation>Breaks must be numbers separated by semicolons</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/classification_panel.py" line="56"/>
        <source>Skriv inn minst én grense</source>
        <translation>Enter at least one break</translation>
    </message>
</context>
<context>
    <name>ClusterPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="82"/>
        <source>Dronning (grense eller hjørne)</source>
        <extracomment>The index methods: (key, bokmål name) from core.text, shown in the interface language. The labels of the weight choices, in bokmål (run through ``tr`` when shown).</extracomment>
        <translation>Queen (shared edge or corner)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="83"/>
        <source>k nærmeste</source>
        <translation>k nearest</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="181"/>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="323"/>
        <source>{n}. persentil</source>
        <translation>{n}th percentile</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="197"/>
        <source>Korriger for mange tester (FDR)</source>
        <translation>Correct for multiple testing (FDR)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="199"/>
        <source>Benjamini–Hochberg: færre soner blir signifikante ved en tilfeldighet.</source>
        <translation>Benjamini–Hochberg: fewer zones come out significant by chance.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="204"/>
        <source>Indeksmetode:</source>
        <translation>Index method:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="205"/>
        <source>Belastningsgrense:</source>
        <translation>Burden threshold:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="206"/>
        <source>Klynger i:</source>
        <translation>Clusters in:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="210"/>
        <source>Naboer:</source>
        <translation>Neighbours:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="211"/>
        <source>Permutasjoner:</source>
        <translation>Permutations:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="212"/>
        <source>Signifikansnivå (α):</source>
        <translation>Significance level (α):</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="214"/>
        <source>Metode</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="219"/>
        <source>Indikator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="219"/>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="222"/>
        <source>Tema</source>
        <translation>Theme</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="219"/>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="222"/>
        <source>Vekt</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="234"/>
        <source>Vekter (0 = ikke med)</source>
        <translation>Weights (0 = excluded)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="257"/>
        <source>Oppsummeringen av klyngene kommer når temaene er beregnet.</source>
        <translation>The cluster summary appears once the themes have been computed.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="261"/>
        <source>Velg klyngen</source>
        <translation>Select cluster</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="264"/>
        <source>Velger de sammenhengende signifikante sonene av samme type som den valgte sonen, og naboene deres.</source>
        <translation>Selects the contiguous significant zones of the same type as the selected zone, and their neighbours.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="267"/>
        <source>Klyngene</source>
        <translation>Clusters</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="310"/>
        <source>Klyngene er ikke beregnet.</source>
        <translation>The clusters have not been computed.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="376"/>
        <source>Sammensatt belastningsindeks</source>
        <translation>Composite burden index</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="381"/>
        <source>Indeks: {theme}</source>
        <translation>Index: {theme}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="462"/>
        <source>Velg en sone i kartet for å velge klyngen dens.</source>
        <translation>Click a zone on the map to select its cluster.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="464"/>
        <source>Sone {z}: ingen klyngeanalyse.</source>
        <translation>Zone {z}: no cluster analysis.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="472"/>
        <source>{name} mangler data for klyngeanalysen.</source>
        <translation>{name} lacks data for the cluster analysis.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="474"/>
        <source>{name} er ikke i en signifikant klynge.</source>
        <translation>{name} is not in a significant cluster.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="478"/>
        <source>{name}: {what} (p = {p}), {n} soner med naboene.</source>
        <translation>{name}: {what} (p = {p}), {n} zones including the neighbours.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_view.py" line="486"/>
        <source>Sone {z}</source>
        <translation>Zone {z}</translation>
    </message>
</context>
<context>
    <name>ComparisonTab</name>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="45"/>
        <source>Foreslå</source>
        <translation>Suggest</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="47"/>
        <source>Finner sonene som ligner mest på målområdet i levekårsindikatorene (standardisert avstand). Soner som grenser til målområdet holdes utenfor.</source>
        <translation>Finds the zones most similar to the target area in the living-conditions indicators (standardised distance). Zones bordering the target area are left out.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="50"/>
        <source>Målområde:</source>
        <translation>Target area:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="52"/>
        <source>Antall:</source>
        <translation>Number:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="59"/>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="61"/>
        <source>Sone-ID</source>
        <translation>Zone ID</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="59"/>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="61"/>
        <source>Sone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="59"/>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="61"/>
        <source>Likhet</source>
        <translation>Similarity</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="59"/>
        <source>Valgt</source>
        <translation>Chosen</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="65"/>
        <source>Foreslåtte sammenligningssoner</source>
        <translation>Suggested comparison zones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="69"/>
        <source>Andre mulige soner</source>
        <translation>Other possible zones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="80"/>
        <source>Bytt</source>
        <translation>Swap</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="82"/>
        <source>Bytter den valgte foreslåtte sonen med den valgte sonen fra listen til høyre.</source>
        <translation>Swaps the selected suggested zone for the selected zone in the list on the right.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="84"/>
        <source>Godta</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="85"/>
        <source>Bruker disse sonene i eksporten.</source>
        <translation>Uses these zones in the export.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="87"/>
        <source>Vis i kartet</source>
        <translation>Show on map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="89"/>
        <source>Velger målområdet og sammenligningssonene i kartet og tabellen.</source>
        <translation>Selects the target area and the comparison zones on the map and in the table.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="127"/>
        <source>Legg til en kandidat under «Kandidater» først.</source>
        <translation>Add a candidate under ‘Candidates’ first.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="141"/>
        <source>Velg en foreslått sone og en sone fra listen til høyre for å bytte, og trykk «Godta» når du er fornøyd.</source>
        <translation>Select a suggested zone and a zone from the list on the right to swap them, and press ‘Accept’ when you are satisfied.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="157"/>
        <source>Byttet {a} med {b}.</source>
        <translation>Swapped {a} for {b}.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="166"/>
        <source>Velg én foreslått sone og én sone fra listen til høyre.</source>
        <translation>Select one suggested zone and one zone from the list on the right.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="176"/>
        <source>Godtatt: {n} sammenligningssoner for «{t}» – {z}.</source>
        <translation>Accepted: {n} comparison zones for ‘{t}’ – {z}.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="207"/>
        <source>Velg målområdet og trykk «Foreslå» for å finne sonene som ligner mest på det (til en før–etter-evaluering).</source>
        <translation>Choose the target area and press ‘Suggest’ to find the zones most similar to it (for a before–after evaluation).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="212"/>
        <source>forslag</source>
        <translation>suggested</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="212"/>
        <source>byttet inn</source>
        <translation>swapped in</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="223"/>
        <source>Likhet = 1 / (1 + avstand); avstand {d} (standardisert)</source>
        <translation>Similarity = 1 / (1 + distance); distance {d} (standardised)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="234"/>
        <source>Målområde: {t}. Matchet på {n} indikatorer.</source>
        <translation>Target area: {t}. Matched on {n} indicators.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/comparison_tab.py" line="237"/>
        <source>Holdt utenfor fordi de grenser til målområdet ({n}): {z}.</source>
        <translation>Left out because they border the target area ({n}): {z}.</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="172"/>
        <source>Alle Marmot-prinsipper</source>
        <translation>All Marmot principles</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="179"/>
        <source>Alle livsfaser</source>
        <translation>All life stages</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="184"/>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="563"/>
        <source>Alle bærekraftsmål</source>
        <translation>All SDGs</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="200"/>
        <source>Hele kommunen</source>
        <translation>Whole municipality</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="201"/>
        <source>Valgte soner (0)</source>
        <translation>Selected zones (0)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="202"/>
        <source>Valgte soner sammenlignes med kommunen når ingen referanseverdi er oppgitt.</source>
        <translation>Selected zones are compared with the municipality when no reference value is given.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="204"/>
        <source>Vis indikatorer uten data</source>
        <translation>Show indicators without data</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="208"/>
        <source>Referanseverdier …</source>
        <translation>Reference values…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="211"/>
        <source>Eksporter årsoversikt …</source>
        <translation>Export annual summary…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="218"/>
        <source>Marmot:</source>
        <translation>Marmot:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="220"/>
        <source>Livsløp:</source>
        <translation>Life course:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="222"/>
        <source>Bærekraftsmål:</source>
        <translation>SDGs:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="224"/>
        <source>År:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="228"/>
        <source>Område:</source>
        <translation>Area:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="264"/>
        <source>Last inn et datasett for å se nøkkelindikatorene.</source>
        <translation>Load a dataset to see the key indicators.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="380"/>
        <source>Valgte soner: {names}</source>
        <translation>Selected zones: {names}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="381"/>
        <source>{n} valgte soner</source>
        <translation>{n} selected zones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="401"/>
        <source>Beregner nøkkelindikatorer …</source>
        <translation>Computing key indicators…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="427"/>
        <source>Nøkkelindikatorene kunne ikke beregnes: {e}</source>
        <translation>The key indicators could not be computed: {e}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="486"/>
        <source>Uten Marmot-prinsipp</source>
        <translation>No Marmot principle</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="539"/>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="540"/>
        <source>Ingen indikatorer passer filtrene.</source>
        <translation>No indicators match the filters.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="554"/>
        <source>&lt;b&gt;{where}&lt;/b&gt;, {year}: {n} med data ({b} bedre, {s} likt, {w} dårligere, {r} uten referanse), {m} uten data</source>
        <translation>&lt;b&gt;{where}&lt;/b&gt;, {year}: {n} with data ({b} better, {s} similar, {w} worse, {r} without reference), {m} without data</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="572"/>
        <source>Valgte soner ({n})</source>
        <translation>Selected zones ({n})</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="586"/>
        <source>Vis i kartet</source>
        <translation>Show on map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="589"/>
        <source>Referanseverdi …</source>
        <translation>Reference value…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="621"/>
        <source>Eksporter årsoversikt</source>
        <translation>Export annual summary</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="622"/>
        <source>PDF (*.pdf);;HTML (*.html)</source>
        <translation>PDF (*.pdf);;HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="663"/>
        <source>Skriver årsoversikten ({fmt}) …</source>
        <translation>Writing the annual summary ({fmt})…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="674"/>
        <source>Årsoversikten er lagret: {p}</source>
        <translation>Annual summary saved: {p}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_panel.py" line="684"/>
        <source>Eksporten feilet: {e}</source>
        <translation>Export failed: {e}</translation>
    </message>
</context>
<context>
    <name>DocksMixin</name>
    <message>
        <location filename="../../ungtloft_map/_qt/window_docks.py" line="53"/>
        <source>Områdesatsing</source>
        <translation>Area-based initiative</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/window_docks.py" line="54"/>
        <source>Nøkkeltall</source>
        <translation>Key indicators</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/window_docks.py" line="55"/>
        <source>Stedsnotater</source>
        <translation>Place notes</translation>
    </message>
</context>
<context>
    <name>ExportActionsMixin</name>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="21"/>
        <source>Nettkart (*.html)</source>
        <translation>Web map (*.html)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="21"/>
        <source>PNG-bilde (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="22"/>
        <source>GeoPackage (*.gpkg);;CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>GeoPackage (*.gpkg);;CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="23"/>
        <source>Eksporter</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="30"/>
        <source>Bildestørrelse</source>
        <translation>Image size</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="30"/>
        <source>Bredde × høyde i piksler:</source>
        <translation>Width × height in pixels:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="37"/>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="88"/>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="98"/>
        <source>Eksporten feilet</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="37"/>
        <source>Skriv størrelsen som 2000x1500.</source>
        <translation>Enter the size as 2000x1500.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="90"/>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="97"/>
        <source>Lagret {p}</source>
        <translation>Saved {p}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="100"/>
        <source>Eksporterer til {p} …</source>
        <translation>Exporting to {p} …</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="141"/>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="152"/>
        <source>Utskriften feilet</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="143"/>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="151"/>
        <source>Kartet er skrevet til {p}</source>
        <translation>The map was written to {p}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/export_actions.py" line="154"/>
        <source>Skriver kartet til {p} …</source>
        <translation>Writing the map to {p}…</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../ungtloft_map/_qt/help_dialog.py" line="24"/>
        <source>Brukerveiledning – UngtLøft Map</source>
        <translation>User guide – UngtLøft Map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/help_dialog.py" line="33"/>
        <source>Fant ikke brukerveiledningen i {p}.</source>
        <translation>Could not find the user guide in {p}.</translation>
    </message>
</context>
<context>
    <name>Histogram</name>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="382"/>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="394"/>
        <source>Velg en tallkolonne for histogrammet.</source>
        <translation>Choose a numeric column for the histogram.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="400"/>
        <source>«{col}» er en kategori, ikke et tall: vis den i kartet.</source>
        <translation>‘{col}’ is a category, not a number: show it on the map.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="407"/>
        <source>Ingen soner har verdi for «{col}».</source>
        <translation>No zone has a value for ‘{col}’.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="497"/>
        <source>Verdi ({unit})</source>
        <translation>Value ({unit})</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="497"/>
        <source>Verdi</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="499"/>
        <source>Antall soner</source>
        <translation>Number of zones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="512"/>
        <source>Kommunen: {v}</source>
        <translation>Municipality: {v}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="538"/>
        <source>Valgte soner ({n})</source>
        <translation>Selected zones ({n})</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="541"/>
        <source>Alle soner ({n})</source>
        <translation>All zones ({n})</translation>
    </message>
</context>
<context>
    <name>IdentifyPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="32"/>
        <source>Indikator</source>
        <extracomment>Column headers (bokmål; translated by ``self.tr``: the literal context lets lupdate collect them).</extracomment>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="32"/>
        <source>Verdi</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="33"/>
        <source>Enhet</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="33"/>
        <source>Rang</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="34"/>
        <source>Persentil</source>
        <translation>Percentile</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="34"/>
        <source>Kommunen</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="38"/>
        <location filename="../../ungtloft_map/_qt/identify_panel.py" line="56"/>
        <source>Klikk på en sone i kartet</source>
        <translation>Click a zone on the map</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="125"/>
        <source>Importer data</source>
        <translation>Import data</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="136"/>
        <source>Legg til filer, kontroller rollene og trykk «Kontroller».</source>
        <translation>Add files, review the roles and press ‘Validate’.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="141"/>
        <source>Velg filer…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="143"/>
        <source>Velg mappe…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="145"/>
        <source>Fjern valgt lag</source>
        <translation>Remove selected layer</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="149"/>
        <source>Importerte data</source>
        <translation>Imported data</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="154"/>
        <source>Navn på datasettet:</source>
        <translation>Dataset name:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="160"/>
        <source>Ta med</source>
        <translation>Include</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="160"/>
        <source>Fil</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="160"/>
        <source>Lag</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="160"/>
        <source>Geometri</source>
        <translation>Geometry</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="161"/>
        <source>Objekter</source>
        <translation>Features</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="161"/>
        <source>Koordinatsystem</source>
        <translation>CRS</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="161"/>
        <source>Rolle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="162"/>
        <source>Gjenkjent kilde</source>
        <translation>Recognised source</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="176"/>
        <source>Lag funnet</source>
        <translation>Layers found</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="181"/>
        <source>Felt i appen</source>
        <translation>App field</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="181"/>
        <source>Felt i kilden</source>
        <translation>Source field</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="189"/>
        <source>Feltkobling</source>
        <translation>Field mapping</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="206"/>
        <source>Forhåndsvisning</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="223"/>
        <source>Kontroll</source>
        <translation>Validation</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="234"/>
        <source>Kontroller</source>
        <translation>Validate</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="237"/>
        <source>Importer</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="239"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="299"/>
        <source>Velg filer</source>
        <translation>Choose files</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="305"/>
        <source>Velg mappe</source>
        <translation>Choose folder</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="348"/>
        <source>{n} lag funnet</source>
        <translation>{n} layers found</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="384"/>
        <source>Ta med dette laget i datasettet</source>
        <translation>Include this layer in the dataset</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="391"/>
        <source>Kan ikke leses</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="403"/>
        <source>mangler</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="406"/>
        <source>Laget har ikke noe koordinatsystem; ingen antas</source>
        <translation>The layer has no coordinate system; none is assumed</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="409"/>
        <source>– ingen –</source>
        <translation>– none –</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="441"/>
        <source>Tabell</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="443"/>
        <source>GTFS-rutedata</source>
        <translation>GTFS timetable data</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="491"/>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="623"/>
        <source>Valgene er endret – trykk «Kontroller» på nytt.</source>
        <translation>The choices have changed – press ‘Validate’ again.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="517"/>
        <source>Velg et lag i listen over.</source>
        <translation>Select a layer in the list above.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="520"/>
        <source>Laget kan ikke leses.</source>
        <translation>The layer cannot be read.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="524"/>
        <source>Velg en rolle for laget først.</source>
        <translation>Choose a role for the layer first.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="527"/>
        <source>Rollen «{role}» trenger ingen feltkobling.</source>
        <translation>The role ‘{role}’ needs no field mapping.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="530"/>
        <source>Felt merket * må kobles. Forslagene kan endres.</source>
        <translation>Fields marked * must be mapped. The suggestions can be changed.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="533"/>
        <source>Gjenkjent som {source}.</source>
        <translation>Recognised as {source}.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="545"/>
        <source>– ikke koblet –</source>
        <translation>– not mapped –</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="572"/>
        <source>Tabell – ingen kartvisning</source>
        <translation>Table – no map view</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="573"/>
        <source>Ingen forhåndsvisning</source>
        <translation>No preview</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="574"/>
        <source>De første stoppene (stops.txt):</source>
        <translation>First stops (stops.txt):</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="575"/>
        <source>De første radene:</source>
        <translation>First rows:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="606"/>
        <source>Kontrollerer …</source>
        <translation>Validating…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="607"/>
        <source>Kontrollerer lagene (et GTFS-datasett kan ta noen sekunder) …</source>
        <translation>Validating the layers (a GTFS dataset may take a few seconds)…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="613"/>
        <source>Kontrollerer {what} …</source>
        <translation>Validating {what}…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="651"/>
        <source>Klar til import</source>
        <translation>Ready to import</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="653"/>
        <source>1 advarsel</source>
        <translation>1 warning</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="654"/>
        <source>{n} advarsler</source>
        <translation>{n} warnings</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="657"/>
        <source>{n} feil må rettes før import</source>
        <translation>Errors to fix before import: {n}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="658"/>
        <source>Kan ikke importeres ennå</source>
        <translation>Cannot be imported yet</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="679"/>
        <source>, omregnet fra {crs}</source>
        <translation>, reprojected from {crs}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="681"/>
        <source>1 objekt</source>
        <translation>1 feature</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="681"/>
        <source>{n} objekter</source>
        <translation>{n} features</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="682"/>
        <source> i EPSG:25832{reproj}</source>
        <translation> in EPSG:25832{reproj}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="684"/>
        <source>{stops} stopp, {trips} turer (dag {date})</source>
        <translation>{stops} stops, {trips} trips (day {date})</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="690"/>
        <source>{rows} rader, {zones} soner, år {span}</source>
        <translation>{rows} rows, {zones} zones, years {span}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="693"/>
        <source>{n} flater, {ha} daa</source>
        <translation>{n} polygons, {ha} decares</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="699"/>
        <source>Feil</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="699"/>
        <source>Advarsel</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="707"/>
        <source>Ingen lag har rollen «Levekårssoner». Velg ett lag med sonene.</source>
        <translation>No layer has the role ‘Living-conditions zones’. Choose one layer with the zones.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="709"/>
        <source>Rollen «{role}» er valgt for flere lag ({layers}); velg ett.</source>
        <translation>The role ‘{role}’ is chosen for several layers ({layers}); choose one.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="712"/>
        <source>Rollen «{role}» passer ikke for denne typen kilde.</source>
        <translation>The role ‘{role}’ does not suit this type of source.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="715"/>
        <source>{n} sone-ID-er i indikatortabellen finnes ikke i sonelaget: {ids}</source>
        <translation>{n} zone IDs in the indicator table are not in the zone layer: {ids}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="719"/>
        <source>{n} soner har ingen rader i indikatortabellen: {ids}</source>
        <translation>{n} zones have no rows in the indicator table: {ids}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="722"/>
        <source>Noen ID-er skiller seg bare ved innledende nuller (f.eks. «101» og «0101»). Lagre ID-ene som tekst i tabellen.</source>
        <translation>Some IDs differ only by leading zeros (e.g. ‘101’ and ‘0101’). Store the IDs as text in the table.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="725"/>
        <source>En adresseliste over kommunale boliger kobles til adressepunkter: legg til adressepunktene med bruksenheter med rollen «Alle boliger».</source>
        <translation>A municipal-housing address list is joined to address points: add the address points with dwelling units (bruksenheter) with the role “All dwellings”.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="728"/>
        <source>Ingen sone-ID-er i indikatortabellen finnes i sonelaget</source>
        <translation>None of the zone ids in the indicator table is in the zones layer</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_dialog.py" line="730"/>
        <source>Tabellen har ingen *_count-kolonner (antall), så den gir ingen indikatorer.</source>
        <translation>The table has no *_count columns (counts), so it yields no indicators.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="23"/>
        <source>Levekårssoner</source>
        <extracomment>Role names shown to the user.</extracomment>
        <translation>Living-conditions zones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="24"/>
        <source>Bydeler</source>
        <translation>Districts</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="25"/>
        <source>Befolkning (rutenett)</source>
        <translation>Population (grid)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="26"/>
        <source>Grøntområder</source>
        <translation>Green areas</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="27"/>
        <source>Målpunkter</source>
        <translation>Destinations</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="28"/>
        <source>Kommunale boliger</source>
        <translation>Municipal housing</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="29"/>
        <source>Alle boliger</source>
        <translation>All dwellings</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="30"/>
        <source>Reguleringsplan</source>
        <translation>Zoning plan</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="31"/>
        <source>Kommunegrense</source>
        <translation>Municipal boundary</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="32"/>
        <source>Vann og sjø</source>
        <translation>Water and sea</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="33"/>
        <source>Veger</source>
        <translation>Roads</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="34"/>
        <source>Bakgrunnslag</source>
        <translation>Background layers</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="35"/>
        <source>Levekårsindikatorer</source>
        <translation>Living-conditions indicators</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="36"/>
        <source>Kollektivtrafikk (GTFS)</source>
        <translation>Public transport (GTFS)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="40"/>
        <source>Sone-ID</source>
        <extracomment>Role fields shown in the mapping table.</extracomment>
        <translation>Zone ID</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="41"/>
        <source>Sonenavn</source>
        <translation>Zone name</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="42"/>
        <source>Bydel-ID</source>
        <translation>District ID</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="43"/>
        <source>Bydelsnavn</source>
        <translation>District name</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="44"/>
        <source>Antall bosatte</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="45"/>
        <source>Bosatte 0–17 år</source>
        <translation>Residents aged 0–17</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="46"/>
        <source>Bosatte 18–29 år</source>
        <translation>Residents aged 18–29</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="47"/>
        <source>Bosatte 30–66 år</source>
        <translation>Residents aged 30–66</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="48"/>
        <source>Bosatte 67 år og eldre</source>
        <translation>Residents aged 67 and over</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="49"/>
        <source>SSB-rute-ID</source>
        <translation>SSB cell ID</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="50"/>
        <source>Antall boenheter</source>
        <translation>Housing units</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="51"/>
        <source>Antall boliger</source>
        <translation>Dwellings</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="52"/>
        <source>Adresse-ID</source>
        <translation>Address ID</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="53"/>
        <source>Navn</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="54"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="55"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="56"/>
        <source>År</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="57"/>
        <source>Bosatte kvinner</source>
        <translation>Female residents</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="58"/>
        <source>Bosatte menn</source>
        <translation>Male residents</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="59"/>
        <source>Gjennomsnittsalder</source>
        <translation>Mean age</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="60"/>
        <source>Arealklasse (OBJTYPE/ARTYPE)</source>
        <translation>Land-cover class (OBJTYPE/ARTYPE)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="61"/>
        <source>Gatenavn</source>
        <translation>Street name</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="62"/>
        <source>Husnummer</source>
        <translation>House number</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="63"/>
        <source>Bokstav</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="64"/>
        <source>Postnummer</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="65"/>
        <source>Adresse (hel tekst)</source>
        <translation>Address (full text)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="66"/>
        <source>Bruksenhetsnummer</source>
        <translation>Dwelling unit number</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="67"/>
        <source>Bruksenhetstype</source>
        <translation>Dwelling unit type</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="71"/>
        <source>SSB befolkning på rutenett 250 m</source>
        <extracomment>The standard sources the importer recognises (:attr:`SourceLayer.preset`), by preset key.</extracomment>
        <translation>SSB population grid 250 m</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="72"/>
        <source>SSB befolkning på rutenett 1 km</source>
        <translation>SSB population grid 1 km</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="73"/>
        <source>SSB befolkning på rutenett 5 km</source>
        <translation>SSB population grid 5 km</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="74"/>
        <source>SSB befolkning på rutenett</source>
        <translation>SSB population grid</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="75"/>
        <source>Kartverket N50/FKB Arealdekke</source>
        <translation>Kartverket N50/FKB land cover</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="76"/>
        <source>Kartverket AR5 arealressurskart</source>
        <translation>Kartverket AR5 land resource map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="77"/>
        <source>OpenStreetMap (grøntområder)</source>
        <translation>OpenStreetMap (green areas)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="78"/>
        <source>Adressepunkter med bruksenheter (matrikkel)</source>
        <translation>Address points with dwelling units (cadastre)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="79"/>
        <source>Kommunale boliger: adresseliste</source>
        <translation>Municipal housing: address list</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="80"/>
        <source>Levekårstabell (bred: soner i rader)</source>
        <translation>Living-conditions table (wide: zones in rows)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/import_support.py" line="82"/>
        <source>Kartdata og tabeller (*.gpkg *.geojson *.json *.shp *.zip *.csv *.xlsx *.sos *.sosi *.gml *.osm *.pbf);;Alle filer (*)</source>
        <translation>Map data and tables (*.gpkg *.geojson *.json *.shp *.zip *.csv *.xlsx *.sos *.sosi *.gml *.osm *.pbf);;All files (*)</translation>
    </message>
</context>
<context>
    <name>InsideZoneTab</name>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="43"/>
        <source>Område:</source>
        <translation>Area:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="44"/>
        <source>Farge etter:</source>
        <translation>Colour by:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="57"/>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="73"/>
        <source>Legg til en kandidat for å se befolkningsrutene (250 m) inne i den.</source>
        <translation>Add a candidate to see the population grid cells (250 m) inside it.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="127"/>
        <source>nær kvalifiserende grøntområde</source>
        <translation>near a qualifying green area</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="142"/>
        <source>{c}: {v}</source>
        <translation>{c}: {v}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="151"/>
        <source>{n} ruter, {p} bosatte</source>
        <translation>{n} cells, {p} residents</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="155"/>
        <source>{s} bor nær et kvalifiserende grøntområde</source>
        <translation>{s} live near a qualifying green area</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="158"/>
        <source>reisetid til sentrum {a}–{b} min</source>
        <translation>travel time to the centre {a}–{b} min</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/inside_zone_tab.py" line="163"/>
        <source>{n} ruter med 1–{m} bosatte er skjermet (grå, skravert).</source>
        <translation>{n} cells with 1–{m} residents are suppressed (grey, hatched).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/common.py" line="45"/>
        <source>Bosatte</source>
        <extracomment>:data:`ungtloft_map.core.analysis.targeting.MAX_CANDIDATES` (the tests check they agree). The core module is imported only when the panel gets data: it pulls in esda/libpysal (seconds), and the window builds this panel at start-up. Slider steps per weight unit: a slider 0–50 is a weight 0,0–5,0 in steps of 0,1. Below this width (pixels) the comparison-zone lists are stacked, not side by side. Light tint of a candidate value worse than the municipality (direction-aware). Line colours of the candidates in the profile chart (ColorBrewer Dark2, readable on white). Index methods: (key, bokmål name) from core.text, shown in the interface language. Variables of the inside-zone map: (column, label, unit, colour map, decimals).</extracomment>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/common.py" line="46"/>
        <source>Avstand til kvalifiserende grøntområde</source>
        <translation>Distance to a qualifying green area</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/common.py" line="48"/>
        <source>Reisetid til sentrum</source>
        <translation>Travel time to the centre</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/layer_panel.py" line="58"/>
        <source>Opp</source>
        <translation>Up</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/layer_panel.py" line="59"/>
        <source>Ned</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/layer_panel.py" line="63"/>
        <source>Gjennomsiktighet:</source>
        <translation>Opacity:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/layer_panel.py" line="103"/>
        <source>Bakgrunnslag</source>
        <translation>Background layers</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="82"/>
        <source>UngtLøft Map</source>
        <translation>UngtLøft Map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="115"/>
        <source>Soner</source>
        <translation>Zones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="116"/>
        <source>Kartlag</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="126"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="153"/>
        <source>Rangering med egne vekter</source>
        <translation>Ranking with custom weights</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="155"/>
        <source>Sammensatt indeks med vektene i Områdesatsing-panelet; høyere = mer belastet.</source>
        <translation>Composite index with the weights in the Area-based initiative panel; higher = more burdened.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="175"/>
        <source>Filtrer soner …</source>
        <translation>Filter zones…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="177"/>
        <source>Vis bare valgte</source>
        <translation>Show selected only</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="211"/>
        <source>Sonetabell</source>
        <translation>Zone table</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="212"/>
        <source>Identifiser</source>
        <translation>Identify</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="213"/>
        <source>Klassifisering</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="221"/>
        <source>Indeks og klynger</source>
        <translation>Index and clusters</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="222"/>
        <source>Diagrammer</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="245"/>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="277"/>
        <source>Laster data …</source>
        <translation>Loading data…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="251"/>
        <source>Kunne ikke åpne datasettet</source>
        <translation>Could not open the dataset</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="302"/>
        <source>(ingen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="314"/>
        <source>{n} soner lastet fra {name}</source>
        <translation>{n} zones loaded from {name}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="316"/>
        <source> – {n} advarsler (Hjelp → Vis advarsler)</source>
        <translation> – {n} warnings (Help → Show import warnings)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="472"/>
        <source>Kommunen: {v} {u}</source>
        <translation>Municipality: {v} {u}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="475"/>
        <source>prosentpoeng</source>
        <translation>percentage points</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="476"/>
        <source>Kartet viser endring fra {a} til {b} ({u}).</source>
        <translation>The map shows the change from {a} to {b} ({u}).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/main_window.py" line="492"/>
        <source>Kunne ikke bytte år</source>
        <translation>Could not change the year</translation>
    </message>
</context>
<context>
    <name>MapToolbarMixin</name>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="54"/>
        <source>Kartverktøy</source>
        <translation>Map tools</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="59"/>
        <source>Vis:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="59"/>
        <source>År:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="60"/>
        <source>Endring siden:</source>
        <translation>Change since:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="75"/>
        <source>Søk etter sone, bydel, målpunkt eller adresse …</source>
        <translation>Search for a zone, district, destination or address…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="76"/>
        <source>Finn et sted i datasettet og zoom dit (Ctrl+F)</source>
        <translation>Find a place in the dataset and zoom there (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="89"/>
        <source>&amp;Søk i kartet</source>
        <translation>&amp;Search the map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="99"/>
        <source>Zoom til ko&amp;mmunen</source>
        <translation>Zoom to the &amp;municipality</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="102"/>
        <source>Vis hele datasettet i kartet (Ctrl+Shift+F)</source>
        <translation>Show the whole dataset on the map (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="104"/>
        <source>&amp;Bare kartet</source>
        <translation>Map &amp;only</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="107"/>
        <source>Skjul sidepanelene så kartet fyller vinduet (Ctrl+0)</source>
        <translation>Hide the side panels so the map fills the window (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="158"/>
        <source>Søket er ikke tilgjengelig: {m}</source>
        <translation>Search is not available: {m}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/map_toolbar.py" line="204"/>
        <source>Fant ikke «{t}» i datasettet.</source>
        <translation>“{t}” was not found in the dataset.</translation>
    </message>
</context>
<context>
    <name>MenusMixin</name>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="20"/>
        <source>&amp;Fil</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="21"/>
        <source>&amp;Åpne prosjekt …</source>
        <translation>&amp;Open project…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="24"/>
        <source>&amp;Nylige prosjekter</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="25"/>
        <source>&amp;Lagre prosjekt</source>
        <translation>&amp;Save project</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="28"/>
        <source>Lagre prosjekt &amp;som …</source>
        <translation>Save project &amp;as…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="31"/>
        <source>Åpne &amp;datasett (mappe) …</source>
        <translation>Open &amp;dataset (folder)…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="34"/>
        <source>Åpne d&amp;emodata (fiktiv kommune)</source>
        <translation>Open de&amp;mo data (fictional municipality)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="42"/>
        <source>&amp;Importer data …</source>
        <translation>&amp;Import data…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="49"/>
        <source>&amp;Eksporter</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="50"/>
        <source>&amp;Nettkart (HTML) …</source>
        <translation>&amp;Web map (HTML)…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="53"/>
        <source>&amp;Kartbilde (PNG) …</source>
        <translation>Map &amp;image (PNG)…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="55"/>
        <source>&amp;Sonetabell (GeoPackage, CSV, XLSX) …</source>
        <translation>&amp;Zone table (GeoPackage, CSV, XLSX)…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="60"/>
        <source>Skriv &amp;ut kart …</source>
        <translation>&amp;Print map…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="65"/>
        <source>&amp;Avslutt</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="70"/>
        <source>&amp;Vis</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="71"/>
        <source>&amp;Zoom til valgte soner</source>
        <translation>&amp;Zoom to selected zones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="74"/>
        <source>&amp;Fjern utvalg</source>
        <translation>&amp;Clear selection</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="83"/>
        <source>S&amp;onepanel</source>
        <translation>Zo&amp;ne panel</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="93"/>
        <source>&amp;Språk</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="105"/>
        <source>&amp;Analyse</source>
        <translation>&amp;Analysis</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="106"/>
        <source>&amp;Vis tema</source>
        <translation>&amp;Show theme</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="109"/>
        <source>Vurder &amp;reguleringsplan …</source>
        <translation>Assess &amp;zoning plan…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="113"/>
        <source>&amp;Nøkkeltall</source>
        <translation>&amp;Key indicators</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="115"/>
        <source>Velg &amp;innsatsområder</source>
        <translation>Select &amp;target areas</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="117"/>
        <source>&amp;Isokroner fra et punkt i kartet …</source>
        <translation>&amp;Isochrones from a point on the map…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="120"/>
        <source>Vis &amp;dekningshull for grøntområder</source>
        <translation>Show green-area coverage &amp;gaps</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="127"/>
        <source>&amp;Beregn temaer på nytt</source>
        <translation>&amp;Recompute themes</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="132"/>
        <source>&amp;Hjelp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="133"/>
        <source>Vis &amp;advarsler fra innlesingen</source>
        <translation>Show import &amp;warnings</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="135"/>
        <source>&amp;Om UngtLøft Map</source>
        <translation>&amp;About UngtLøft Map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="137"/>
        <source>&amp;Brukerveiledning</source>
        <translation>&amp;User guide</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="147"/>
        <source>&amp;Kartlagpanel</source>
        <translation>Layers &amp;panel</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="155"/>
        <source>Advarsler</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="155"/>
        <source>Ingen advarsler.</source>
        <translation>No warnings.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="161"/>
        <source>Språk</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="162"/>
        <source>Språket byttes neste gang UngtLøft Map startes.</source>
        <translation>The language will change the next time UngtLøft Map starts.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="178"/>
        <source>Om UngtLøft Map</source>
        <translation>About UngtLøft Map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/menus.py" line="180"/>
        <source>&lt;h3&gt;UngtLøft Map {v}&lt;/h3&gt;&lt;p&gt;Planverktøy for UNGT LØFT, Trondheim kommune: levekår, grøntstruktur, kollektivtilgang og kommunale boliger per levekårssone.&lt;/p&gt;&lt;p&gt;Demodataene er en &lt;b&gt;fiktiv kommune&lt;/b&gt; laget av programmets egen generator.&lt;/p&gt;&lt;p&gt;Kart: Leaflet (BSD-2), folium (MIT). Analyse: geopandas, shapely, pyproj (BSD/MIT), PySAL esda/libpysal (BSD-3), mapclassify (BSD-3). Grensesnitt: Qt for Python (LGPLv3).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;UngtLøft Map {v}&lt;/h3&gt;&lt;p&gt;Planning tool for UNGT LØFT, Trondheim kommune: living conditions, green structure, transit access and municipal housing per living-conditions zone.&lt;/p&gt;&lt;p&gt;The demo data are a &lt;b&gt;fictional municipality&lt;/b&gt; created by the program&apos;s own generator.&lt;/p&gt;&lt;p&gt;Maps: Leaflet (BSD-2), folium (MIT). Analysis: geopandas, shapely, pyproj (BSD/MIT), PySAL esda/libpysal (BSD-3), mapclassify (BSD-3). Interface: Qt for Python (LGPLv3).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MoranScatter</name>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="173"/>
        <source>Klyngene er ikke beregnet.</source>
        <extracomment>Points of not-significant zones: LISA_COLORS&apos; own grey (#f0f0f0) is meant for map fills and vanishes on the white plot background. A press and release closer than this (pixels) is a click, not a drag.</extracomment>
        <translation>The clusters have not been computed.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="176"/>
        <source>Ingen klyngeanalyse ennå.</source>
        <translation>No cluster analysis yet.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="214"/>
        <source>Moran&apos;s I = {i} (p = {p})</source>
        <translation>Moran&apos;s I = {i} (p = {p})</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="217"/>
        <source>{var} (standardisert)</source>
        <translation>{var} (standardised)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="218"/>
        <source>Naboenes snitt (romlig lag)</source>
        <translation>Neighbours&apos; mean (spatial lag)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="241"/>
        <source>Helning = Moran&apos;s I</source>
        <translation>Slope = Moran&apos;s I</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/cluster_plots.py" line="332"/>
        <source>verdi {z}, naboer {lag}</source>
        <translation>value {z}, neighbours {lag}</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="148"/>
        <source>Bare valgt sone</source>
        <translation>Selected zone only</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="160"/>
        <source>Dato</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="160"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="160"/>
        <source>Kilde</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="161"/>
        <source>Sone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="161"/>
        <source>Tekst</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="177"/>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="197"/>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="470"/>
        <source>Nytt notat</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="180"/>
        <source>Rediger</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="183"/>
        <source>Slett</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="186"/>
        <source>Eksporter notater (GeoPackage) …</source>
        <translation>Export notes (GeoPackage)…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="219"/>
        <source>Hva ble sagt eller sett? Skriv ikke navn, telefonnumre eller andre personopplysninger.</source>
        <translation>What was said or seen? Do not write names, phone numbers or other personal data.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="235"/>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="471"/>
        <source>Legg til</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="239"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="246"/>
        <source>Kilde:</source>
        <translation>Source:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="250"/>
        <source>Plassering:</source>
        <translation>Location:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="251"/>
        <source>Kategori:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="252"/>
        <source>Dato:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="253"/>
        <source>Tekst:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="308"/>
        <source>notat {n}: {e}</source>
        <translation>note {n}: {e}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="314"/>
        <source>{n} notater i prosjektfilen kunne ikke leses og vises ikke (de beholdes i filen): {p}</source>
        <translation>{n} notes in the project file could not be read and are not shown (they are kept in the file): {p}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="361"/>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="450"/>
        <source>(utenfor sonene)</source>
        <translation>(outside the zones)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="383"/>
        <source>(punkt)</source>
        <translation>(point)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="397"/>
        <source>Punkt: {xy} (EPSG:25832)</source>
        <translation>Point: {xy} (EPSG:25832)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="401"/>
        <source>Mulige personopplysninger:</source>
        <translation>Possible personal data:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="409"/>
        <source>{n} av {t} notater i sone {z}</source>
        <translation>{n} of {t} notes in zone {z}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="412"/>
        <source>Ingen sone valgt</source>
        <translation>No zone selected</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="414"/>
        <source>{n} notater</source>
        <translation>{n} notes</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="414"/>
        <source>1 notat</source>
        <translation>1 note</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="440"/>
        <source>punkt i sone {z}</source>
        <translation>point in zone {z}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="441"/>
        <source>sone {z}</source>
        <translation>zone {z}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="442"/>
        <source>Uendret: {w}</source>
        <translation>Unchanged: {w}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="444"/>
        <source>Valgt sone: {z}</source>
        <translation>Selected zone: {z}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="448"/>
        <source>Punkt: {xy}</source>
        <translation>Point: {xy}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="449"/>
        <source>(sone {z})</source>
        <translation>(zone {z})</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="453"/>
        <source>Velg en sone i kartet eller tabellen</source>
        <translation>Select a zone on the map or in the table</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="482"/>
        <source>Rediger notat</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="483"/>
        <source>Lagre endringer</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="511"/>
        <source>Skriv en tekst.</source>
        <translation>Enter some text.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="515"/>
        <source>Velg en sone i kartet eller tabellen, eller klikk et punkt.</source>
        <translation>Select a zone on the map or in the table, or click a point.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="519"/>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="594"/>
        <source>Personopplysninger?</source>
        <translation>Personal data?</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="520"/>
        <source>Notatet ser ut til å inneholde personopplysninger:
{w}

Lagre likevel?</source>
        <translation>The note appears to contain personal data:
{w}

Save anyway?</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="546"/>
        <source>Notatet er lagret.</source>
        <translation>Note saved.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="562"/>
        <source>Slette notatet?</source>
        <translation>Delete the note?</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="563"/>
        <source>Slette notatet fra {d}?

«{t}»</source>
        <translation>Delete the note from {d}?

‘{t}’</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="569"/>
        <source>Notatet er slettet.</source>
        <translation>Note deleted.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="575"/>
        <source>Eksporter notater</source>
        <translation>Export notes</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="576"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="590"/>
        <source>Ingen notater å eksportere.</source>
        <translation>No notes to export.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="595"/>
        <source>{n} av {t} notater ser ut til å inneholde personopplysninger. Eksportere likevel?</source>
        <translation>{n} of {t} notes appear to contain personal data. Export anyway?</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="601"/>
        <source>Eksporten feilet: {e}</source>
        <translation>Export failed: {e}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="604"/>
        <source>Skrev {n} notater til {f} ({p} punkter, {a} soner).</source>
        <translation>Wrote {n} notes to {f} ({p} points, {a} zones).</translation>
    </message>
</context>
<context>
    <name>OverlaysMixin</name>
    <message>
        <location filename="../../ungtloft_map/_qt/overlays.py" line="45"/>
        <source>Isokroner</source>
        <translation>Isochrones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/overlays.py" line="45"/>
        <source>Datasettet har ingen rutetabell (GTFS).</source>
        <translation>The dataset has no timetable (GTFS).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/overlays.py" line="47"/>
        <source>Klikk i kartet der reisen starter (Esc avbryter).</source>
        <translation>Click on the map where the journey starts (Esc cancels).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/overlays.py" line="81"/>
        <source>{m} min: {a} km²</source>
        <translation>{m} min: {a} km²</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/overlays.py" line="85"/>
        <source>Isokroner for {d}, avganger {w}: {t}</source>
        <translation>Isochrones for {d}, departures {w}: {t}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/overlays.py" line="94"/>
        <source>Temaene er ikke beregnet ennå.</source>
        <translation>The themes have not been computed yet.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/overlays.py" line="99"/>
        <source>{n} bosatte uten grøntområde i nærheten</source>
        <translation>{n} residents without a green area nearby</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="141"/>
        <source>Vurder reguleringsplan</source>
        <translation>Assess zoning plan</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="161"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="164"/>
        <source>Eksempelplan</source>
        <translation>Sample plan</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="165"/>
        <source>Planfil</source>
        <translation>Plan file</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="166"/>
        <source>Tegnet i kartet</source>
        <translation>Drawn on the map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="173"/>
        <source>Ingen fil valgt</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="174"/>
        <source>Velg planfil…</source>
        <translation>Choose plan file…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="177"/>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="328"/>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="448"/>
        <source>Ingen flate tegnet ennå</source>
        <translation>No polygon drawn yet</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="179"/>
        <source>Tegn i kartet</source>
        <translation>Draw on map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="181"/>
        <source>Klikk i kartet for å sette hjørner, dobbeltklikk for å avslutte (Esc avbryter).</source>
        <translation>Click on the map to place vertices, double-click to finish (Esc cancels).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="191"/>
        <source>Forutsetninger</source>
        <translation>Assumptions</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="199"/>
        <source>Sonen rundt planen der bosatte og levekår telles</source>
        <translation>The band around the plan in which residents and living conditions are counted</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="209"/>
        <source>Buffer rundt planen:</source>
        <translation>Buffer around the plan:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="210"/>
        <source>Nye kommunale boliger:</source>
        <translation>New municipal dwellings:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="211"/>
        <source>Andre nye boliger:</source>
        <translation>Other new dwellings:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="219"/>
        <source>Vurder</source>
        <translation>Assess</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="221"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="283"/>
        <source>Lagre rapport…</source>
        <translation>Save report…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="292"/>
        <source>Lukk</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="337"/>
        <source>(prosjektet har ingen eksempelplaner)</source>
        <translation>(the project has no sample plans)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="385"/>
        <source>Velg planfil</source>
        <translation>Choose plan file</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="386"/>
        <source>Reguleringsplaner ({patterns});;Alle filer (*)</source>
        <translation>Zoning plans ({patterns});;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="400"/>
        <source>Tegn i kartet: klikk for hjørner, dobbeltklikk for å avslutte</source>
        <translation>Draw on the map: click to add vertices, double-click to finish</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="418"/>
        <source>Planen kan ikke leses: {e}</source>
        <translation>The plan cannot be read: {e}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="450"/>
        <source>forventet en liste med (lengdegrad, breddegrad)-par</source>
        <translation>expected a list of (longitude, latitude) pairs</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="451"/>
        <source>Flaten fra kartet kan ikke brukes: {e}</source>
        <translation>The polygon from the map cannot be used: {e}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="455"/>
        <source>Tegnet flate: {n} hjørner, {ha} ha</source>
        <translation>Drawn polygon: {n} vertices, {ha} ha</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="466"/>
        <source>den har færre enn tre hjørner</source>
        <translation>it has fewer than three vertices</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="476"/>
        <source>flaten har ikke noe areal</source>
        <translation>the polygon has no area</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="477"/>
        <source>Tegnet plan</source>
        <translation>Drawn plan</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="483"/>
        <source>ingen fil</source>
        <translation>no file</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="484"/>
        <source>tegnet i kartet</source>
        <translation>drawn on the map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="491"/>
        <source>Trykk «Tegn i kartet» og tegn planområdet i kartet.</source>
        <translation>Press ‘Draw on map’ and draw the plan area on the map.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="493"/>
        <source>Velg en plan.</source>
        <translation>Choose a plan.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="499"/>
        <source>1 flate</source>
        <translation>1 polygon</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="499"/>
        <source>{n} flater</source>
        <translation>{n} polygons</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="500"/>
        <source>{name} – {fmt}, {ha} ha, {parts}</source>
        <translation>{name} – {fmt}, {ha} ha, {parts}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="504"/>
        <source>{n} merknader ved lesing</source>
        <translation>{n} notes from reading the file</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="522"/>
        <source>Antall boliger er hentet fra planfilen; endre dem ved behov.</source>
        <translation>The numbers of dwellings are taken from the plan file; change them if needed.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="524"/>
        <source>Planen oppgir ingen boliger; fyll inn antallet planen gir.</source>
        <translation>The plan states no dwellings; enter the number the plan provides for.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="555"/>
        <source>Velg en plan først.</source>
        <translation>Choose a plan first.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="591"/>
        <source>Beregner temaer: {step} …</source>
        <translation>Computing themes: {step}…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="613"/>
        <source>Vurderingen feilet: {e}</source>
        <translation>The assessment failed: {e}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="636"/>
        <source>{name} ({ha} ha)</source>
        <translation>{name} ({ha} ha)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="639"/>
        <source>Bosatte: {plan} i planområdet, {buffer} innen {m} m · Soner berørt: {n} (planen ligger i {zones}) · Funn verdt en nærmere titt: {obs} av {total}</source>
        <translation>Residents: {plan} in the plan area, {buffer} within {m} m · Zones affected: {n} (the plan lies in {zones}) · Findings worth a closer look: {obs} of {total}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="650"/>
        <source>Fiktive demodata – ikke virkelige personer eller steder.</source>
        <translation>Fictional demo data – not real people or places.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="662"/>
        <source>Lagre planrapport</source>
        <translation>Save plan report</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="663"/>
        <source>PDF (*.pdf);;HTML (*.html *.htm)</source>
        <translation>PDF (*.pdf);;HTML (*.html *.htm)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="678"/>
        <source>Vurder en plan før du lagrer rapporten.</source>
        <translation>Assess a plan before saving the report.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="683"/>
        <source>Rapporten lagres som .pdf eller .html, ikke {s}</source>
        <translation>The report is saved as .pdf or .html, not {s}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="684"/>
        <source>(uten endelse)</source>
        <translation>(no extension)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="691"/>
        <source>Skriver rapporten …</source>
        <translation>Writing the report…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="701"/>
        <source>Rapporten er lagret: {link}</source>
        <translation>Report saved: {link}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/plan_dialog.py" line="711"/>
        <source>Rapporten ble ikke lagret: {e}</source>
        <translation>The report was not saved: {e}</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="35"/>
        <source>Skriv ut kart</source>
        <translation>Print map</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="41"/>
        <source>&amp;Stående</source>
        <translation>&amp;Portrait</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="43"/>
        <source>&amp;Liggende</source>
        <translation>&amp;Landscape</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="57"/>
        <source>Indikator og år (standard)</source>
        <translation>Indicator and year (default)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="60"/>
        <source>Velg hvor PDF-filen skal lagres</source>
        <translation>Choose where to save the PDF file</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="61"/>
        <source>&amp;Velg …</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="70"/>
        <source>Papir:</source>
        <translation>Paper:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="71"/>
        <source>Retning:</source>
        <translation>Orientation:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="72"/>
        <source>Tittel:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="73"/>
        <source>Fil:</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="75"/>
        <source>Skriv PDF</source>
        <translation>Write PDF</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="76"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="82"/>
        <source>Skriv ut kart til PDF</source>
        <translation>Print map to PDF</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/print_dialog.py" line="83"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ProjectActionsMixin</name>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="33"/>
        <source>Åpne datasett (mappe med manifest.json)</source>
        <translation>Open dataset (folder with manifest.json)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="110"/>
        <source>Åpne prosjekt</source>
        <translation>Open project</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="111"/>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="145"/>
        <source>UngtLøft Map-prosjekt (*.ulmap)</source>
        <translation>UngtLøft Map project (*.ulmap)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="123"/>
        <source>Kunne ikke åpne prosjektet</source>
        <translation>Could not open the project</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="144"/>
        <source>Lagre prosjekt</source>
        <translation>Save project</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="148"/>
        <source>Data i prosjektet</source>
        <translation>Data in the project</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="149"/>
        <source>Skal dataene kopieres inn i prosjektet, eller bare refereres til der de ligger?</source>
        <translation>Should the data be copied into the project, or only referenced where they are stored?</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="150"/>
        <source>Kopier dataene</source>
        <translation>Copy the data</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="151"/>
        <source>Referer til dataene</source>
        <translation>Reference the data</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="162"/>
        <source>Kunne ikke lagre prosjektet</source>
        <translation>Could not save the project</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="167"/>
        <source>Prosjektet er lagret: {p}</source>
        <translation>Project saved: {p}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="174"/>
        <source>Ulagrede endringer</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="175"/>
        <source>Prosjektet har endringer som ikke er lagret. Lagre dem?</source>
        <translation>The project has unsaved changes. Save them?</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="176"/>
        <source>Lagre</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="177"/>
        <source>Ikke lagre</source>
        <translation>Don&apos;t save</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/project_actions.py" line="178"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RankingTab</name>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="250"/>
        <source>SVI: persentilrang per indikator, snitt per tema, rangert på nytt. COI: vektede, befolkningsvektede z-verdier. Oslo: forhold til kommunens nivå (100 = kommunen).</source>
        <translation>SVI: percentile rank per indicator, mean per theme, ranked again. COI: weighted, population-weighted z-scores. Oslo: ratio to the municipal level (100 = the municipality).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="254"/>
        <source>Tilbakestill vekter</source>
        <translation>Reset weights</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="255"/>
        <source>Setter alle vekter tilbake til 1,0 (standard).</source>
        <translation>Resets all weights to 1.0 (the default).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="257"/>
        <source>Metode:</source>
        <translation>Method:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="275"/>
        <source>Rang</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="275"/>
        <source>Sone-ID</source>
        <translation>Zone ID</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="275"/>
        <source>Sone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="276"/>
        <source>Indeks</source>
        <translation>Index</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="276"/>
        <source>Endring</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="277"/>
        <source>Stabilitet</source>
        <translation>Stability</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="279"/>
        <source>1 = mest belastede sone med vektene over</source>
        <translation>1 = most burdened zone with the weights above</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="282"/>
        <source>Sammensatt belastningsindeks; høyere = mer belastet</source>
        <translation>Composite burden index; higher = more burdened</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="283"/>
        <source>Plasser sonen har flyttet seg siden standardvektene (alle 1): ↑ = mot rang 1 (mer belastet), ↓ = nedover</source>
        <translation>Places the zone has moved since the default weights (all 1): ↑ = towards rank 1 (more burdened), ↓ = down</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="285"/>
        <source>Andel av 1 000 tilfeldige vektinger (hver vekt ±25 %) der sonen er blant de N mest belastede</source>
        <translation>Share of 1,000 random weightings (each weight ±25%) in which the zone is among the N most burdened</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="288"/>
        <source>Rang med standardvektene (alle 1): {n}</source>
        <translation>Rank with the default weights (all 1): {n}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="313"/>
        <source>topp </source>
        <translation>top </translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="316"/>
        <source>Beregn stabilitet</source>
        <translation>Compute stability</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="325"/>
        <source>Stabilitet for</source>
        <translation>Stability for</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="427"/>
        <source>Vekt for hele temaet</source>
        <translation>Weight for the whole theme</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="464"/>
        <source>Kan ikke rangere: alle vektene er 0. Gi minst én indikator og temaet dens en vekt over 0. Rangeringen under er den forrige.</source>
        <translation>Cannot rank: all weights are 0. Give at least one indicator and its theme a weight above 0. The ranking below is the previous one.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="468"/>
        <source>Kan ikke rangere med disse vektene: {e}</source>
        <translation>Cannot rank with these weights: {e}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="477"/>
        <source>{n} soner har flyttet seg siden standardvektene.</source>
        <translation>{n} zones have moved since the default weights.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="478"/>
        <source>Rangeringen med standardvektene (alle 1).</source>
        <translation>The ranking with the default weights (all 1).</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="480"/>
        <source>Stabiliteten er ikke beregnet for disse vektene.</source>
        <translation>Stability has not been computed for these weights.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="531"/>
        <source>Stabilitet: andel av {d} tilfeldige vektinger (hver vekt ±{s} %) der sonen er blant de {n} mest belastede. {a} soner er med i alle.</source>
        <translation>Stability: share of {d} random weightings (each weight ±{s}%) in which the zone is among the {n} most burdened. {a} zones are in all of them.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/ranking_tab.py" line="540"/>
        <source>Stabiliteten kunne ikke beregnes: {e}</source>
        <translation>Stability could not be computed: {e}</translation>
    </message>
</context>
<context>
    <name>ReferenceDialog</name>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="51"/>
        <source>Referanseverdier</source>
        <translation>Reference values</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="56"/>
        <source>Skriv inn referanseverdier, for eksempel landets tall fra folkehelseprofilen. Tomt felt betyr ingen referanse. For valgte soner er kommunen referansen når feltet er tomt.</source>
        <translation>Enter reference values, for example the national figures from the public health profile. An empty field means no reference. For selected zones, the municipality is the reference when the field is empty.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="62"/>
        <source>landet</source>
        <translation>Norway</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="64"/>
        <source>Referansen gjelder:</source>
        <translation>Reference applies to:</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="69"/>
        <source>Indikator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="69"/>
        <source>Verdi nå</source>
        <translation>Current value</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="69"/>
        <source>Referanse</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="99"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="100"/>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="101"/>
        <source>Tøm alle</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="125"/>
        <source>Ikke et tall</source>
        <translation>Not a number</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_references.py" line="127"/>
        <source>Skriv tall med desimalkomma, for eksempel 10,4.</source>
        <translation>Enter numbers with a decimal point, for example 10.4.</translation>
    </message>
</context>
<context>
    <name>TargetingPanel</name>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="173"/>
        <source>Rangering</source>
        <extracomment>The project&apos;s place notes (set by the window); the brief lists those in the target zones.</extracomment>
        <translation>Ranking</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="174"/>
        <source>Kandidater</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="175"/>
        <source>Sammenligningssoner</source>
        <translation>Comparison zones</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="176"/>
        <source>Innsiden av sonen</source>
        <translation>Inside the zone</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="179"/>
        <source>Eksporter utvalget …</source>
        <translation>Export selection…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="181"/>
        <source>Skriver GeoPackage, CSV og et kort notat (HTML/PDF) med målområdet valgt under «Sammenligningssoner», sammenligningssonene, vektene og året.</source>
        <translation>Writes a GeoPackage, a CSV and a short memo (HTML/PDF) with the target area chosen under ‘Comparison zones’, the comparison zones, the weights and the year.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="246"/>
        <source>Kan ikke rangere sonene: {e}</source>
        <translation>Cannot rank the zones: {e}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="248"/>
        <source>Rangeringen kommer når temaene er beregnet.</source>
        <translation>The ranking appears once the themes have been computed.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="334"/>
        <source>Legg til en kandidat og velg den som målområde under «Sammenligningssoner» før du eksporterer.</source>
        <translation>Add a candidate and choose it as the target area under ‘Comparison zones’ before exporting.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="389"/>
        <source>Eksporter utvalget</source>
        <translation>Export selection</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="390"/>
        <source>Utvalg: GeoPackage, CSV og notat (*.gpkg)</source>
        <translation>Selection: GeoPackage, CSV and memo (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="412"/>
        <source>Eksporterer …</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="423"/>
        <source>Skrev {n} filer i {d}: {f}</source>
        <translation>Wrote {n} files to {d}: {f}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/targeting/panel.py" line="433"/>
        <source>Eksporten feilet: {e}</source>
        <translation>Export failed: {e}</translation>
    </message>
</context>
<context>
    <name>ThemeActionsMixin</name>
    <message>
        <location filename="../../ungtloft_map/_qt/theme_actions.py" line="40"/>
        <source>Avbrutt</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/theme_actions.py" line="45"/>
        <source>Beregner temaer (grønt, kollektiv, boliger, indeks, klynger) …</source>
        <translation>Computing themes (green, transit, housing, index, clusters)…</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/theme_actions.py" line="73"/>
        <source>{what} – %p%</source>
        <translation>{what} – %p%</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/theme_actions.py" line="103"/>
        <source>Beregningen feilet</source>
        <translation>Computation failed</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/theme_actions.py" line="141"/>
        <source>Temaer beregnet.</source>
        <translation>Themes computed.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/theme_actions.py" line="146"/>
        <source>Ikke beregnet: {x}</source>
        <translation>Not computed: {x}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/theme_actions.py" line="148"/>
        <source>{n} tema ikke beregnet</source>
        <translation>{n} themes not computed</translation>
    </message>
</context>
<context>
    <name>TileWidget</name>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="326"/>
        <source>ingen data</source>
        <translation>no data</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="325"/>
        <source>ingen data ennå</source>
        <extracomment>The 17 SDGs: (official Norwegian name (FN-sambandet), UN English short name), for the SDG filter. Data with an English twin, chosen by the interface language (as ``MARMOT_PRINCIPLES``), not ``tr`` strings. Decimals shown per unit (shared with the annual summary). Frame colour of a tile without a status colour to show (no reference, no data). Text colours of the badge on each status fill (dark on the light fills). The small-number threshold the tile was computed with (None: the privacy rule&apos;s now).</extracomment>
        <translation>no data yet</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="342"/>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="401"/>
        <source>Kilde: {s}</source>
        <translation>Source: {s}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="347"/>
        <source>nå</source>
        <translation>now</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="349"/>
        <source>* Bygger på færre enn {n} personer: vises som «–» i eksport.</source>
        <translation>* Based on fewer than {n} people: shown as ‘–’ in exports.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="355"/>
        <source>bedring</source>
        <translation>improving</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="355"/>
        <source>stabil</source>
        <translation>stable</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="356"/>
        <source>forverring</source>
        <translation>worsening</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="359"/>
        <source>Utvikling {a}–{b}: {w}</source>
        <translation>Trend {a}–{b}: {w}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="368"/>
        <source>Øyeblikksbilde fra kartlagene (ingen tidsserie)</source>
        <translation>Snapshot from the map layers (no time series)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="377"/>
        <source>({r}× best)</source>
        <translation>({r}× the best)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="378"/>
        <source>Best: {b} {bv}&lt;br&gt;Verst: {w} {wv}{gap}</source>
        <translation>Best: {b} {bv}&lt;br&gt;Worst: {w} {wv}{gap}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="381"/>
        <source>Spredning mellom {n} soner: verst/best = {r}, forskjell {d}.</source>
        <translation>Spread across {n} zones: worst/best = {r}, difference {d}.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="385"/>
        <source>{n} soner med små tall er utelatt.</source>
        <translation>{n} zones with small numbers are left out.</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="388"/>
        <source>Ingen spredning (færre enn to soner med verdi)</source>
        <translation>No spread (fewer than two zones with a value)</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="392"/>
        <source>referansen</source>
        <translation>reference</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="393"/>
        <source>Referanse ({label}): {v}</source>
        <translation>Reference ({label}): {v}</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="396"/>
        <source>Ingen referanseverdi</source>
        <translation>No reference value</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="398"/>
        <source>Høy verdi er bra</source>
        <translation>High value is good</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/dashboard_tiles.py" line="398"/>
        <source>Høy verdi er dårlig</source>
        <translation>High value is bad</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="83"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ungtloft_map/_qt/notes_panel.py" line="85"/>
        <source>Nei</source>
        <translation>No</translation>
    </message>
</context>
</TS>
