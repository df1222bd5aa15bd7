"""Write resources/examples/data/house_prices.csv: a small, generated file shaped like
Kaggle's house-prices training set (nothing is downloaded).

300 rows and 81 columns: an ``Id``, 36 numeric columns, 43 categorical ones whose
absent features are the string ``NA`` (no alley, no pool, no garage...), missing
numbers (``LotFrontage``, ``MasVnrArea``, ``GarageYrBlt``) and the numeric target
``SalePrice``, made from a few columns (overall quality, living area, neighbourhood,
year built, garage, kitchen quality) times log-normal noise.  Seeded: running it
again writes the same bytes.

    python scripts/make_house_prices.py [out.csv] [--rows N]
"""

from __future__ import annotations

import argparse
import csv
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "resources", "examples", "data", "house_prices.csv")
PROJECT = os.path.join(ROOT, "resources", "examples", "house_prices.json")

QUALITY = ["Po", "Fa", "TA", "Gd", "Ex"]
NEIGHBORHOODS = {
    "NAmes": -0.08,
    "CollgCr": 0.05,
    "OldTown": -0.22,
    "Edwards": -0.2,
    "Somerst": 0.12,
    "NridgHt": 0.3,
    "Gilbert": 0.04,
    "Sawyer": -0.12,
    "NWAmes": 0.02,
    "BrkSide": -0.25,
    "Crawfor": 0.08,
    "Mitchel": -0.04,
    "NoRidge": 0.35,
    "Timber": 0.15,
    "StoneBr": 0.32,
}


def make(rows: int = 300, seed: int = 12) -> tuple[list[str], list[list[str]]]:
    rng = np.random.default_rng(seed)

    def pick(levels, p=None, size=rows):
        return rng.choice(np.array(levels, dtype=object), size=size, p=p)

    def ints(lo, hi):
        return rng.integers(lo, hi + 1, rows)

    def maybe(values, present, missing="NA"):
        return np.where(present, values, missing)

    nb = pick(list(NEIGHBORHOODS))
    qual = np.clip(
        np.round(6 + 1.4 * rng.standard_normal(rows) + 3 * np.array([NEIGHBORHOODS[n] for n in nb])), 1, 10
    ).astype(int)
    year = np.clip(np.round(1972 + 12 * (qual - 6) / 1.4 + 15 * rng.standard_normal(rows)), 1880, 2010).astype(int)
    remod = np.maximum(year, np.minimum(2010, year + rng.integers(0, 40, rows) * (rng.random(rows) < 0.5)))
    first = np.round(np.clip(1100 + 120 * (qual - 6) + 300 * rng.standard_normal(rows), 400, 3000)).astype(int)
    has_second = rng.random(rows) < 0.45
    second = np.where(has_second, np.round(np.clip(0.8 * first + 200 * rng.standard_normal(rows), 200, 2000)), 0)
    second = second.astype(int)
    living = first + second
    has_bsmt = rng.random(rows) < 0.97
    bsmt = np.where(has_bsmt, np.round(np.clip(first * rng.uniform(0.7, 1.1, rows), 0, 3000)), 0).astype(int)
    fin1 = np.round(bsmt * rng.uniform(0, 0.8, rows)).astype(int)
    fin2 = np.where(rng.random(rows) < 0.1, np.round((bsmt - fin1) * rng.uniform(0, 0.5, rows)), 0).astype(int)
    unf = bsmt - fin1 - fin2
    has_garage = rng.random(rows) < 0.94
    cars = np.where(
        has_garage, np.clip(np.round(1.8 + 0.35 * (qual - 6) + 0.6 * rng.standard_normal(rows)), 1, 4), 0
    ).astype(int)
    garage_area = np.where(has_garage, np.round(cars * 250 + 60 * rng.standard_normal(rows)), 0).astype(int)
    garage_year = np.where(rng.random(rows) < 0.8, year, np.minimum(2010, year + rng.integers(0, 30, rows)))
    kitchen = np.clip(np.round(2 + 0.5 * (qual - 6) + 0.5 * rng.standard_normal(rows)), 1, 4).astype(int)
    fireplaces = np.minimum(3, rng.poisson(0.2 + 0.12 * np.maximum(qual - 4, 0)))
    full_bath = np.clip(1 + (living > 1500) + (rng.random(rows) < 0.1), 1, 3)
    frontage = np.round(np.clip(70 + 20 * rng.standard_normal(rows), 21, 200)).astype(int)
    vnr_type = pick(["None", "BrkFace", "Stone", "BrkCmn"], p=[0.55, 0.3, 0.1, 0.05])
    vnr_area = np.where(vnr_type == "None", 0, np.round(rng.gamma(2.0, 90, rows))).astype(int)
    pool = rng.random(rows) < 0.01

    log_price = (
        11.95
        + 0.11 * (qual - 6)
        + 0.00038 * (living - 1500)
        + np.array([NEIGHBORHOODS[n] for n in nb])
        + 0.0025 * (year - 1972)
        + 0.05 * cars
        + 0.06 * (kitchen - 2)
        + 0.00008 * (bsmt - 1000)
        + 0.10 * rng.standard_normal(rows)
    )
    price = (np.round(np.exp(log_price) / 100) * 100).astype(int)

    q = np.array(QUALITY, dtype=object)
    cols: dict[str, np.ndarray] = {
        "Id": np.arange(1, rows + 1),
        "MSSubClass": pick(
            [20, 30, 50, 60, 70, 80, 90, 120, 160, 190], p=[0.37, 0.05, 0.1, 0.2, 0.04, 0.04, 0.04, 0.06, 0.05, 0.05]
        ),
        "MSZoning": pick(["RL", "RM", "FV", "RH", "C (all)"], p=[0.78, 0.15, 0.04, 0.02, 0.01]),
        "LotFrontage": maybe(frontage, rng.random(rows) > 0.17),
        "LotArea": np.round(np.clip(rng.lognormal(9.1, 0.45, rows), 1300, 120000)).astype(int),
        "Street": pick(["Pave", "Grvl"], p=[0.996, 0.004]),
        "Alley": pick(["NA", "Grvl", "Pave"], p=[0.93, 0.04, 0.03]),
        "LotShape": pick(["Reg", "IR1", "IR2", "IR3"], p=[0.63, 0.33, 0.03, 0.01]),
        "LandContour": pick(["Lvl", "Bnk", "HLS", "Low"], p=[0.9, 0.04, 0.04, 0.02]),
        "Utilities": pick(["AllPub"]),
        "LotConfig": pick(["Inside", "Corner", "CulDSac", "FR2", "FR3"], p=[0.72, 0.18, 0.06, 0.03, 0.01]),
        "LandSlope": pick(["Gtl", "Mod", "Sev"], p=[0.95, 0.04, 0.01]),
        "Neighborhood": nb,
        "Condition1": pick(["Norm", "Feedr", "Artery", "RRAn", "PosN"], p=[0.86, 0.06, 0.04, 0.02, 0.02]),
        "Condition2": pick(["Norm", "Feedr"], p=[0.99, 0.01]),
        "BldgType": pick(["1Fam", "TwnhsE", "Duplex", "Twnhs", "2fmCon"], p=[0.83, 0.08, 0.04, 0.03, 0.02]),
        "HouseStyle": np.where(
            has_second,
            pick(["2Story", "1.5Fin", "SLvl"], p=[0.7, 0.2, 0.1]),
            pick(["1Story", "SFoyer"], p=[0.95, 0.05]),
        ),
        "OverallQual": qual,
        "OverallCond": np.clip(np.round(5.5 + rng.standard_normal(rows)), 1, 9).astype(int),
        "YearBuilt": year,
        "YearRemodAdd": remod,
        "RoofStyle": pick(["Gable", "Hip", "Flat", "Gambrel"], p=[0.78, 0.19, 0.01, 0.02]),
        "RoofMatl": pick(["CompShg", "Tar&Grv", "WdShngl"], p=[0.98, 0.01, 0.01]),
        "Exterior1st": pick(["VinylSd", "HdBoard", "MetalSd", "Wd Sdng", "Plywood", "CemntBd", "BrkFace"]),
        "Exterior2nd": pick(["VinylSd", "HdBoard", "MetalSd", "Wd Sdng", "Plywood", "CmentBd", "Wd Shng"]),
        "MasVnrType": vnr_type,
        "MasVnrArea": maybe(vnr_area, rng.random(rows) > 0.01),
        "ExterQual": q[np.clip(np.round(2 + 0.5 * (qual - 6) + 0.4 * rng.standard_normal(rows)), 1, 4).astype(int)],
        "ExterCond": pick(["TA", "Gd", "Fa", "Ex"], p=[0.87, 0.1, 0.02, 0.01]),
        "Foundation": np.where(
            year > 1990,
            pick(["PConc", "CBlock"], p=[0.9, 0.1]),
            pick(["CBlock", "BrkTil", "PConc", "Slab"], p=[0.6, 0.2, 0.15, 0.05]),
        ),
        "BsmtQual": maybe(
            q[np.clip(np.round(2 + 0.5 * (qual - 6) + 0.5 * rng.standard_normal(rows)), 1, 4).astype(int)], has_bsmt
        ),
        "BsmtCond": maybe(pick(["TA", "Gd", "Fa"], p=[0.9, 0.05, 0.05]), has_bsmt),
        "BsmtExposure": maybe(pick(["No", "Av", "Gd", "Mn"], p=[0.65, 0.15, 0.1, 0.1]), has_bsmt),
        "BsmtFinType1": maybe(pick(["Unf", "GLQ", "ALQ", "BLQ", "Rec", "LwQ"]), has_bsmt),
        "BsmtFinSF1": fin1,
        "BsmtFinType2": maybe(pick(["Unf", "Rec", "LwQ", "BLQ"], p=[0.88, 0.05, 0.04, 0.03]), has_bsmt),
        "BsmtFinSF2": fin2,
        "BsmtUnfSF": unf,
        "TotalBsmtSF": bsmt,
        "Heating": pick(["GasA", "GasW", "Grav"], p=[0.97, 0.02, 0.01]),
        "HeatingQC": pick(["Ex", "TA", "Gd", "Fa"], p=[0.5, 0.3, 0.17, 0.03]),
        "CentralAir": pick(["Y", "N"], p=[0.93, 0.07]),
        "Electrical": maybe(pick(["SBrkr", "FuseA", "FuseF"], p=[0.91, 0.07, 0.02]), rng.random(rows) > 0.004),
        "1stFlrSF": first,
        "2ndFlrSF": second,
        "LowQualFinSF": np.where(rng.random(rows) < 0.02, rng.integers(50, 500, rows), 0),
        "GrLivArea": living,
        "BsmtFullBath": np.where(has_bsmt, rng.integers(0, 2, rows), 0),
        "BsmtHalfBath": np.where(has_bsmt & (rng.random(rows) < 0.06), 1, 0),
        "FullBath": full_bath,
        "HalfBath": (has_second & (rng.random(rows) < 0.6)).astype(int),
        "BedroomAbvGr": np.clip(np.round(living / 550 + 0.6 * rng.standard_normal(rows)), 1, 6).astype(int),
        "KitchenAbvGr": np.where(rng.random(rows) < 0.05, 2, 1),
        "KitchenQual": q[kitchen],
        "TotRmsAbvGrd": np.clip(np.round(living / 250 + rng.standard_normal(rows)), 3, 12).astype(int),
        "Functional": pick(["Typ", "Min1", "Min2", "Mod"], p=[0.93, 0.03, 0.03, 0.01]),
        "Fireplaces": fireplaces,
        "FireplaceQu": maybe(pick(["Gd", "TA", "Fa", "Ex", "Po"], p=[0.5, 0.4, 0.04, 0.03, 0.03]), fireplaces > 0),
        "GarageType": maybe(pick(["Attchd", "Detchd", "BuiltIn", "Basment"], p=[0.63, 0.28, 0.07, 0.02]), has_garage),
        "GarageYrBlt": maybe(garage_year, has_garage),
        "GarageFinish": maybe(pick(["Unf", "RFn", "Fin"], p=[0.44, 0.31, 0.25]), has_garage),
        "GarageCars": cars,
        "GarageArea": garage_area,
        "GarageQual": maybe(pick(["TA", "Fa", "Gd"], p=[0.95, 0.04, 0.01]), has_garage),
        "GarageCond": maybe(pick(["TA", "Fa", "Gd"], p=[0.96, 0.03, 0.01]), has_garage),
        "PavedDrive": pick(["Y", "N", "P"], p=[0.92, 0.06, 0.02]),
        "WoodDeckSF": np.where(rng.random(rows) < 0.48, np.round(rng.gamma(2.0, 90, rows)), 0).astype(int),
        "OpenPorchSF": np.where(rng.random(rows) < 0.55, np.round(rng.gamma(2.0, 40, rows)), 0).astype(int),
        "EnclosedPorch": np.where(rng.random(rows) < 0.14, rng.integers(20, 300, rows), 0),
        "3SsnPorch": np.where(rng.random(rows) < 0.02, rng.integers(100, 300, rows), 0),
        "ScreenPorch": np.where(rng.random(rows) < 0.08, rng.integers(60, 300, rows), 0),
        "PoolArea": np.where(pool, rng.integers(400, 800, rows), 0),
        "PoolQC": maybe(pick(["Gd", "Ex", "Fa"]), pool),
        "Fence": pick(["NA", "MnPrv", "GdPrv", "GdWo", "MnWw"], p=[0.8, 0.11, 0.04, 0.04, 0.01]),
        "MiscFeature": pick(["NA", "Shed", "Gar2", "Othr"], p=[0.96, 0.035, 0.003, 0.002]),
        "MiscVal": np.zeros(rows, int),
        "MoSold": rng.integers(1, 13, rows),
        "YrSold": rng.integers(2006, 2011, rows),
        "SaleType": pick(["WD", "New", "COD", "ConLD"], p=[0.87, 0.08, 0.03, 0.02]),
        "SaleCondition": pick(["Normal", "Partial", "Abnorml", "Family"], p=[0.82, 0.08, 0.07, 0.03]),
        "SalePrice": price,
    }
    cols["MiscVal"] = np.where(cols["MiscFeature"] == "NA", 0, rng.integers(100, 2000, rows))
    header = list(cols)
    table = [[str(cols[name][r]) for name in header] for r in range(rows)]
    return header, table


def write(path: str = OUT, rows: int = 300) -> str:
    header, table = make(rows)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(table)
    return path


def project(csv_path: str = OUT) -> dict:
    """The example project: every column's role as guessed by core.tabular, written out."""
    import sys

    sys.path.insert(0, ROOT)
    from core.tabular import guess_roles, read_table

    roles = guess_roles(read_table(csv_path), "SalePrice")
    return {
        "format": "backprop-lab/1",
        "name": "A real-shaped CSV: house prices",
        "description": (
            "A generated file shaped like Kaggle's house-prices training set: 300 houses, an Id column (ignored), "
            '36 numeric and 43 categorical columns with "NA" strings and missing numbers, and the sale price '
            'to predict. Categorical columns are one-hot encoded ("Neighborhood=OldTown"), missing numbers '
            "take the column's median and the price is standardised for training: the loss is in units of the "
            "price's standard deviation, so predicting the mean scores about 1. With over 200 inputs and 240 "
            "training rows the network needs weight decay and dropout not to overfit. File -> Import CSV... "
            "shows the choices."
        ),
        "seed": 0,
        "data": {
            "source": "csv",
            "path": "data/house_prices.csv",
            "target": "SalePrice",
            "task": "regression",
            "validation_split": 0.2,
            "standardize": True,
            "columns": roles,
            "missing": "median",
            "standardize_target": True,
        },
        "network": {
            "layers": [
                {"type": "dense", "units": 32, "activation": "relu"},
                {"type": "dropout", "rate": 0.5},
                {"type": "dense", "units": 1, "activation": "linear"},
            ]
        },
        "loss": "mse",
        "optimizer": {"name": "adamw", "lr": 0.003, "weight_decay": 0.5},
        "training": {"batch_size": 32, "epochs": 60},
    }


def write_project(path: str = PROJECT) -> str:
    import json

    with open(path, "w", encoding="utf-8") as fh:
        json.dump(project(), fh, indent=2)
        fh.write("\n")
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=OUT)
    parser.add_argument("--rows", type=int, default=300)
    args = parser.parse_args(argv)
    path = write(args.out, args.rows)
    print(f"wrote {path}")
    if args.out == OUT:
        print(f"wrote {write_project()}")


if __name__ == "__main__":
    main()
