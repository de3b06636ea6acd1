"""Small valid inputs for the robustness suite, written out here so the suite stands alone.

Each is a small file of its kind that its reader loads (the GTFS feed with two notes, on the
interpolated time and the frequencies; the others without a warning). The fuzz tests damage
them and the regression tests change one thing in them.
"""

from __future__ import annotations

import io
import zipfile

# -- SOSI: a regulation plan (the demo's plan B, fictional): RpOmråde split into two
# RpArealformålOmråde by a RpFormålGrense.
SOSI_PLAN = """.HODE
..TEGNSETT UTF-8
..SOSI-VERSJON 4.5
..TRANSPAR
...KOORDSYS 22
...ORIGO-NØ 0 0
...ENHET 0.01
.FLATE 1:
..OBJTYPE RpOmråde
..NASJONALAREALPLANID
...KOMM 9999
...PLANID FJV-2026-02
..PLANNAVN "Parkveien (fiktiv)"
..REF :4 :5
..NØ
702395000 55355000
.FLATE 2:
..OBJTYPE RpArealformålOmråde
..RPAREALFORMÅL 1110
..FELTNAVN "B1"
..KOMMUNALEBOENHETER 0
..ANDREBOENHETER 80
..REF :4 :-6
..NØ
702395000 55349150
.FLATE 3:
..OBJTYPE RpArealformålOmråde
..RPAREALFORMÅL 3040
..FELTNAVN "GF1"
..REF :5 :6
..NØ
702395000 55362150
.KURVE 4:
..OBJTYPE RpGrense
..NØ
702387000 55356300
702387000 55342000
702403000 55342000
702403000 55356300
.KURVE 5:
..OBJTYPE RpGrense
..NØ
702403000 55356300
702403000 55368000
702387000 55368000
702387000 55356300
.KURVE 6:
..OBJTYPE RpFormålGrense
..NØ
702387000 55356300
702403000 55356300
.BUEP 7:
..OBJTYPE RpGrense
..NØ
702380000 55340000
702381000 55341000
702380000 55342000
.SLUTT
"""

# -- Plan GML (Reguleringsplanforslag 5.0): the plan boundary and one land-use area.
GML_SRS = "http://www.opengis.net/def/crs/EPSG/0/25832"
_X, _Y = 560000, 7030000


def _ring(x: int, y: int, w: int) -> str:
    pts = [(x, y), (x + w, y), (x + w, y + 100), (x, y + 100), (x, y)]
    return " ".join(f"{a} {b}" for a, b in pts)


def gml_plan(srs: str = GML_SRS, pos_attrs: str = "", inner: str = "") -> str:
    """A plan GML file; ``pos_attrs`` goes on the first posList, ``inner`` into the first
    ``område`` (before its geometry)."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml/3.2"
  xmlns:app="http://skjema.geonorge.no/SOSI/produktspesifikasjon/Reguleringsplanforslag/5.0"
  xmlns:xlink="http://www.w3.org/1999/xlink" gml:id="fc">
  <gml:featureMember>
    <app:RpOmråde gml:id="o1">
      <app:område>{inner}
        <gml:MultiSurface gml:id="o1-ms" srsName="{srs}" srsDimension="2">
          <gml:surfaceMember><gml:Polygon gml:id="p1"><gml:exterior><gml:LinearRing>
            <gml:posList{pos_attrs}>{_ring(_X, _Y, 100)}</gml:posList>
          </gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember>
        </gml:MultiSurface>
      </app:område>
    </app:RpOmråde>
  </gml:featureMember>
  <gml:featureMember>
    <app:RpArealformålOmråde gml:id="a1">
      <app:område>
        <gml:Surface gml:id="a1-s" srsName="{srs}" srsDimension="2"><gml:patches>
          <gml:PolygonPatch><gml:exterior><gml:Ring><gml:curveMember><gml:Curve gml:id="c1">
            <gml:segments><gml:LineStringSegment><gml:posList>{_ring(_X, _Y, 50)}</gml:posList>
            </gml:LineStringSegment></gml:segments></gml:Curve></gml:curveMember></gml:Ring>
          </gml:exterior></gml:PolygonPatch>
        </gml:patches></gml:Surface>
      </app:område>
      <app:arealformål>1110</app:arealformål>
      <app:feltnavn>BFS1</app:feltnavn>
    </app:RpArealformålOmråde>
  </gml:featureMember>
  <gml:featureMember>
    <app:Arealplan gml:id="ap"><app:plannavn>Torget (fiktiv)</app:plannavn></app:Arealplan>
  </gml:featureMember>
</gml:FeatureCollection>
"""


# -- GTFS: two trips on weekdays of 2024, one past midnight, one frequency-based.
GTFS_DATE = "2024-05-14"
GTFS_MEMBERS = {
    "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\n"
                  "A,Fjordvik Buss,https://example.invalid,Europe/Oslo\n",
    "stops.txt": "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n"
                 "S,Sentrum,63.4305,10.3951,1,\n"
                 "A,Sentrum A,63.4306,10.3950,0,S\n"
                 "B,Sentrum B,63.4304,10.3952,0,S\n"
                 "C,Lade,63.4430,10.4400,0,\n"
                 "D,Ranheim,63.4290,10.5300,0,\n",
    "routes.txt": "route_id,agency_id,route_short_name,route_type\nR,A,1,3\nF,A,2,3\n",
    "trips.txt": "route_id,service_id,trip_id\nR,WK,T1\nR,WK,T2\nF,WK,T3\n",
    "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                    "start_date,end_date\nWK,1,1,1,1,1,0,0,20240101,20241231\n",
    "calendar_dates.txt": "service_id,date,exception_type\nWK,20240517,2\n",
    "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence,"
                      "shape_dist_traveled\n"
                      "T1,08:00:00,08:00:00,A,1,0\n"
                      "T1,,,C,2,700\n"
                      "T1,08:20:00,08:21:00,D,3,1500\n"
                      "T2,24:50:00,24:50:00,B,1,\n"
                      "T2,25:05:00,25:06:00,D,2,\n"
                      "T3,10:00:00,10:00:00,A,1,\n"
                      "T3,10:07:00,10:07:00,C,2,\n",
    "frequencies.txt": "trip_id,start_time,end_time,headway_secs\nT3,10:00:00,11:00:00,900\n",
}


def gtfs_zip(members: dict[str, str | bytes | None] | None = None, **changes) -> bytes:
    """The feed as zip bytes; ``members`` replaces the whole member set, ``changes`` single
    members (``stops_txt="..."``, or None to leave one out)."""
    files: dict[str, str | bytes | None] = dict(GTFS_MEMBERS if members is None else members)
    files.update({k.replace("_txt", ".txt"): v for k, v in changes.items()})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            if text is not None:
                zf.writestr(name, text if isinstance(text, bytes) else text.encode("utf-8"))
    return buf.getvalue()
