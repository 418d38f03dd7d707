#!/usr/bin/python3
"""Make solar_reference_2026.csv, the independent reference for SolarCalculator tests.

Run once with Debian's python3-ephem (4.1.4), from this folder:  /usr/bin/python3 make_reference.py
PyEphem (libastro, full VSOP87 sun) is independent of the NOAA/Meeus code under test.

Conventions (matching NOAA's zeniths):
  sunrise/sunset : pressure 0 (no ephem refraction), horizon -0:34, upper limb  -> NOAA zenith 90.833
  civil twilight : pressure 0, horizon -6, use_center=True                    -> NOAA zenith 96
Events are searched from the local solar midnight of the date (00:00 UTC - longitude/15 h), which is
the "local solar day" SolarCalculator.Compute uses. Times are UTC, rounded to the second; empty = no event
(polar day or night).
"""
import csv
import datetime as dt

import ephem

PLACES = [  # (name, lat, lon, day step)
    *[(f"grid{lat}_{lon}", lat, lon, 5) for lat in (43.0, 44.5, 46.0, 47.5, 48.0) for lon in (20.0, 23.5, 26.0, 29.0)],
    ("bucharest", 44.4268, 26.1025, 1),
    ("timisoara", 45.7489, 21.2087, 1),
    ("oslo", 59.9139, 10.7522, 5),
    ("tromso", 69.6492, 18.9553, 3),
    ("quito", -0.1807, -78.4678, 10),
    ("hobart", -42.8821, 147.3272, 10),
    ("sitka", 57.0531, -135.33, 10),
]


def event(obs, start, rising, horizon, center):
    obs.date = start
    obs.horizon = horizon
    sun = ephem.Sun()
    try:
        if rising:
            d = obs.next_rising(sun, use_center=center)
        else:
            d = obs.next_setting(sun, use_center=center)
    except (ephem.AlwaysUpError, ephem.NeverUpError):
        return ""
    t = d.datetime().replace(tzinfo=dt.timezone.utc)
    # Only events inside this solar day count (a polar-edge search may find tomorrow's).
    if not (start <= t.replace(tzinfo=None) < start + dt.timedelta(days=1)):
        return ""
    t = (t + dt.timedelta(microseconds=500000)).replace(microsecond=0)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    with open("solar_reference_2026.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["place", "lat", "lon", "date", "sunrise", "sunset", "civil_dawn", "civil_dusk"])
        for name, lat, lon, step in PLACES:
            obs = ephem.Observer()
            obs.lat, obs.lon = str(lat), str(lon)
            obs.pressure = 0
            obs.elevation = 0
            day = dt.date(2026, 1, 1)
            while day.year == 2026:
                start = dt.datetime(day.year, day.month, day.day) - dt.timedelta(hours=lon / 15.0)
                w.writerow([
                    name, lat, lon, day.isoformat(),
                    event(obs, start, True, "-0:34", False),
                    event(obs, start, False, "-0:34", False),
                    event(obs, start, True, "-6", True),
                    event(obs, start, False, "-6", True),
                ])
                day += dt.timedelta(days=step)


if __name__ == "__main__":
    main()
