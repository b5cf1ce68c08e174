"""Writes houses.csv: 400 synthetic house sales, made up for the HousePrices sample (no real data, no licence).

The price (in thousands) follows a plausible non-linear rule of five features plus noise: it grows with floor area
(with diminishing returns), rooms and lot size, falls with age (less for renovated-old houses) and with distance to
the centre (steeply at first). Seeded, so the file is the same on every run:
    cd samples/HousePrices/Data && python3 make_houses.py
"""
import csv
import math
import random

rng = random.Random(2024)
rows = []
for _ in range(400):
    area = rng.uniform(45, 260)                      # m²
    rooms = max(1, min(9, round(area / 30 + rng.gauss(0, 0.8))))
    age = rng.uniform(0, 90)                         # years
    distance = rng.expovariate(1 / 9)                # km to the centre
    lot = max(0.0, area * rng.uniform(0.5, 4) + rng.gauss(0, 40))  # m² of land
    price = (
        60
        + 2.1 * area ** 0.93
        + 9 * rooms
        - 1.1 * age + 0.009 * age ** 2
        + 140 * math.exp(-distance / 6)
        + 0.08 * lot
        + rng.gauss(0, 18)
    )
    rows.append((round(area, 1), rooms, round(age, 1), round(distance, 2), round(lot, 1), round(max(price, 40), 1)))

with open("houses.csv", "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["area_sqm", "rooms", "age_years", "distance_km", "lot_sqm", "price_k"])
    writer.writerows(rows)
