"""Synthetic Arabic conflict-news corpus for benchmarks and scale tests.

Articles are assembled from varied templates (headline, dateline, casualty sentences with random
counts and qualifiers, clashes, shelling, displacement, aid, negotiations, quotes, filler), with
real Syrian towns, actors and sources, so they exercise the same matchers as real news. The same
``seed`` always gives the same corpus.

    python benchmarks/synth.py 20000 --out /tmp/corpus --format jsonl --shard-size 2000
    python benchmarks/synth.py 500 --out /tmp/corpus-txt --format txt
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

from marsad.models import RawArticle

# (Arabic name, governorate in Arabic) — real places.
TOWNS = [
    ("حلب", "حلب"),
    ("منبج", "حلب"),
    ("الباب", "حلب"),
    ("عفرين", "حلب"),
    ("إعزاز", "حلب"),
    ("تل رفعت", "حلب"),
    ("دير حافر", "حلب"),
    ("السفيرة", "حلب"),
    ("عندان", "حلب"),
    ("حريتان", "حلب"),
    ("إدلب", "إدلب"),
    ("معرة النعمان", "إدلب"),
    ("سراقب", "إدلب"),
    ("خان شيخون", "إدلب"),
    ("جسر الشغور", "إدلب"),
    ("أريحا", "إدلب"),
    ("كفرنبل", "إدلب"),
    ("سلقين", "إدلب"),
    ("حارم", "إدلب"),
    ("بنش", "إدلب"),
    ("حمص", "حمص"),
    ("تدمر", "حمص"),
    ("القصير", "حمص"),
    ("الرستن", "حمص"),
    ("تلبيسة", "حمص"),
    ("الحولة", "حمص"),
    ("القريتين", "حمص"),
    ("حماة", "حماة"),
    ("مورك", "حماة"),
    ("اللطامنة", "حماة"),
    ("كفرزيتا", "حماة"),
    ("صوران", "حماة"),
    ("السلمية", "حماة"),
    ("محردة", "حماة"),
    ("دمشق", "دمشق"),
    ("دوما", "ريف دمشق"),
    ("حرستا", "ريف دمشق"),
    ("داريا", "ريف دمشق"),
    ("المعضمية", "ريف دمشق"),
    ("الزبداني", "ريف دمشق"),
    ("مضايا", "ريف دمشق"),
    ("جوبر", "دمشق"),
    ("عربين", "ريف دمشق"),
    ("كفربطنا", "ريف دمشق"),
    ("يبرود", "ريف دمشق"),
    ("التل", "ريف دمشق"),
    ("درعا", "درعا"),
    ("بصرى الشام", "درعا"),
    ("نوى", "درعا"),
    ("طفس", "درعا"),
    ("إنخل", "درعا"),
    ("جاسم", "درعا"),
    ("القنيطرة", "القنيطرة"),
    ("السويداء", "السويداء"),
    ("شهبا", "السويداء"),
    ("اللاذقية", "اللاذقية"),
    ("جبلة", "اللاذقية"),
    ("كسب", "اللاذقية"),
    ("طرطوس", "طرطوس"),
    ("بانياس", "طرطوس"),
    ("الرقة", "الرقة"),
    ("الطبقة", "الرقة"),
    ("تل أبيض", "الرقة"),
    ("دير الزور", "دير الزور"),
    ("الميادين", "دير الزور"),
    ("البوكمال", "دير الزور"),
    ("الحسكة", "الحسكة"),
    ("القامشلي", "الحسكة"),
    ("رأس العين", "الحسكة"),
    ("الشدادي", "الحسكة"),
    ("عين العرب", "حلب"),
]
NEIGHBOURHOODS = {
    "حلب": ["الشعار", "الصاخور", "بستان القصر", "الكلاسة", "صلاح الدين", "مساكن هنانو"],
    "حمص": ["الوعر", "بابا عمرو", "الخالدية", "جورة الشياح"],
    "دمشق": ["جوبر", "القابون", "برزة", "مخيم اليرموك"],
}
DIRECTIONS = ["شمال", "جنوب", "شرق", "غرب", "ريف", "محيط", "قرب", "أطراف"]

ACTORS_GOV = [
    "قوات النظام",
    "القوات الحكومية",
    "الجيش السوري",
    "قوات النظام والمسلحين الموالين لها",
    "القوات الرديفة",
]
ACTORS_OPP = [
    "الفصائل المعارضة",
    "الفصائل الإسلامية والمقاتلة",
    "مقاتلي المعارضة",
    "الجيش الحر",
    "فصائل المعارضة",
]
ACTORS_JIHADI = [
    "تنظيم الدولة الإسلامية (داعش)",
    "تنظيم داعش",
    "جبهة فتح الشام",
    "هيئة تحرير الشام",
    "جبهة النصرة",
]
ACTORS_KURD = ["قوات سوريا الديمقراطية", "وحدات حماية الشعب الكردية"]
ACTORS_AIR = [
    "الطائرات الحربية الروسية",
    "طائرات التحالف الدولي",
    "الطيران الحربي السوري",
    "طائرات النظام المروحية",
]
SOURCES = [
    "المرصد السوري لحقوق الإنسان",
    "وكالة الأنباء السورية الرسمية (سانا)",
    "وكالة فرانس برس",
    "رويترز",
    "الدفاع المدني",
    "ناشطون محليون",
    "مصدر عسكري",
    "شبكة شام الإخبارية",
    "الهلال الأحمر العربي السوري",
]
OUTLETS = ["aawsat", "alhayat", "aljazeera", "alarabiya", "enabbaladi", "sana", "sohr"]
WEEKDAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
MONTHS_LEVANT = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]
TIMES = ["فجر", "صباح", "ظهر", "مساء", "ليل"]
QUALIFIERS = ["", "ما لا يقل عن ", "أكثر من ", "نحو ", "حوالي ", "قرابة ", "ما يزيد على "]
GROUPS = ["مدنيين", "مدنياً", "أشخاص", "عناصر", "مقاتلين", "أطفال", "نساء", "عنصراً"]
WEAPONS = ["غارات جوية", "براميل متفجرة", "قذائف هاون", "صواريخ", "قصف مدفعي", "سيارة مفخخة", "عبوة ناسفة"]
FILLER = [
    "وتشهد المنطقة تصعيداً عسكرياً منذ أسابيع وسط تبادل للاتهامات بين الأطراف.",
    "ويأتي ذلك في ظل أوضاع إنسانية صعبة يعيشها السكان مع نقص حاد في المواد الغذائية والأدوية.",
    "ولم يصدر أي تعليق رسمي حتى الآن على هذه المعلومات.",
    "وتتواصل الجهود الدولية للتوصل إلى وقف لإطلاق النار يشمل كامل الأراضي السورية.",
    "وأودى النزاع السوري منذ اندلاعه في آذار 2011 بحياة أكثر من 300 ألف شخص.",
    "وتعذر التحقق من هذه الأرقام من مصدر مستقل.",
    "وأفاد سكان بأن أصوات الانفجارات سمعت في أرجاء المدينة.",
    "وقال ناشطون إن فرق الإسعاف واجهت صعوبة في الوصول إلى المكان بسبب استمرار القصف.",
]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class _Writer:
    """Builds one article from templates with a private random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def num(self, lo: int = 2, hi: int = 60) -> str:
        n = str(self.r.randint(lo, hi))
        return n.translate(ARABIC_DIGITS) if self.r.random() < 0.15 else n

    def place(self) -> str:
        town, gov = self.r.choice(TOWNS)
        roll = self.r.random()
        if roll < 0.15:
            return f"{self.r.choice(DIRECTIONS)} {town}"
        if roll < 0.25:
            return f"ريف {gov} {self.r.choice(['الشمالي', 'الجنوبي', 'الشرقي', 'الغربي'])}"
        if roll < 0.32 and gov in NEIGHBOURHOODS:
            return f"حي {self.r.choice(NEIGHBOURHOODS[gov])} في {gov}"
        return f"مدينة {town}" if roll < 0.5 else town

    def when(self) -> str:
        roll = self.r.random()
        if roll < 0.4:
            return f"{self.r.choice(['', 'يوم '])}{self.r.choice(WEEKDAYS)}"
        if roll < 0.55:
            return f"{self.r.choice(TIMES)} {self.r.choice(WEEKDAYS)}"
        if roll < 0.7:
            return self.r.choice(["أمس", "اليوم", "الليلة الماضية", "صباح اليوم"])
        return f"{self.r.choice(WEEKDAYS)} الماضي"

    def casualty(self) -> str:
        actor = self.r.choice(ACTORS_GOV + ACTORS_AIR + ACTORS_JIHADI)
        q = self.r.choice(QUALIFIERS)
        templates = [
            f"{self.r.choice(['قتل', 'لقي'])} {q}{self.num()} {self.r.choice(GROUPS)} {self.r.choice(['حتفهم', 'مصرعهم', ''])}"
            f" جراء {self.r.choice(WEAPONS)} استهدفت {self.place()} {self.when()}".replace("  ", " "),
            f"أفاد {self.r.choice(SOURCES)} بمقتل {q}{self.num()} {self.r.choice(GROUPS)} وإصابة {self.num(3, 90)} آخرين"
            f" في قصف {self.r.choice(['جوي', 'مدفعي', 'صاروخي'])} نفذته {actor} على {self.place()}",
            f"وارتفعت حصيلة القتلى في {self.place()} إلى {self.num(5, 120)} شخصاً بينهم {self.num(1, 15)} أطفال",
            f"وأسفرت {self.r.choice(WEAPONS)} عن سقوط عشرات القتلى والجرحى في {self.place()}",
            f"وقتل {q}{self.num()} عنصراً من {self.r.choice(ACTORS_GOV)} في هجوم شنه {self.r.choice(ACTORS_JIHADI)}"
            f" على مواقعهم في {self.place()}",
            f"كما أصيب {self.num(2, 40)} مدنياً بجروح بينهم نساء وأطفال إثر سقوط قذائف على {self.place()}",
        ]
        return self.r.choice(templates) + "."

    def event(self) -> str:
        templates = [
            f"واندلعت اشتباكات عنيفة بين {self.r.choice(ACTORS_GOV)} و{self.r.choice(ACTORS_OPP + ACTORS_KURD)}"
            f" في {self.place()} {self.when()}.",
            f"وسيطرت {self.r.choice(ACTORS_GOV + ACTORS_OPP + ACTORS_KURD)} على {self.place()} بعد معارك استمرت"
            f" {self.num(2, 20)} أيام.",
            f"ونزح {self.r.choice(['آلاف', 'مئات', 'عشرات'])} المدنيين من {self.place()} باتجاه {self.place()}"
            f" هرباً من القصف.",
            f"ودخلت قافلة مساعدات مؤلفة من {self.num(10, 60)} شاحنة إلى {self.place()} بإشراف"
            f" {self.r.choice(['الأمم المتحدة', 'الهلال الأحمر العربي السوري', 'اللجنة الدولية للصليب الأحمر'])}.",
            f"وتم إجلاء {self.num(100, 3000)} شخص من {self.place()} بموجب اتفاق بين {self.r.choice(ACTORS_GOV)}"
            f" و{self.r.choice(ACTORS_OPP)}.",
            f"واعتقلت {self.r.choice(ACTORS_GOV + ACTORS_KURD)} {self.num(3, 50)} شاباً خلال حملة دهم في {self.place()}.",
            f"وقال {self.r.choice(SOURCES)} إن {self.r.choice(ACTORS_AIR)} شنت {self.num(5, 40)} غارة على {self.place()}.",
        ]
        return self.r.choice(templates)

    def date_line(self, day: dt.date) -> str:
        month = (MONTHS if self.r.random() < 0.5 else MONTHS_LEVANT)[day.month - 1]
        return f"تاريخ النشر: {day.day:02d} {month} {day.year} - {self.r.randint(0, 23):02d}:{self.r.randint(0, 59):02d} GMT"

    def article(self, i: int, seed: int) -> RawArticle:
        day = dt.date(2012, 1, 1) + dt.timedelta(days=self.r.randint(0, 365 * 7))
        town, _ = self.r.choice(TOWNS)
        title = self.r.choice(
            [
                f"مقتل {self.num()} مدنياً في قصف على {town}",
                f"اشتباكات عنيفة في {town} وسقوط قتلى",
                f"غارات جوية تستهدف {town} و{self.r.choice(TOWNS)[0]}",
                f"نزوح الآلاف من {town} مع تصاعد المعارك",
                f"المرصد: {self.num(5, 80)} قتيلاً في هجوم على {town}",
            ]
        )
        paras = []
        dateline = self.r.choice(["بيروت", "دمشق", "عمان", "إسطنبول", "حلب"])
        first = self.casualty()
        paras.append(
            f"{dateline} - ({self.r.choice(['أ ف ب', 'رويترز', 'د ب أ'])}) - {first}"
            if self.r.random() < 0.5
            else f"{dateline}: {first}"
        )
        for _ in range(self.r.randint(2, 6)):
            kind = self.r.random()
            sentences = []
            for _ in range(self.r.randint(1, 3)):
                if kind < 0.4:
                    sentences.append(self.casualty())
                elif kind < 0.8:
                    sentences.append(self.event())
                else:
                    sentences.append(self.r.choice(FILLER))
            paras.append(" ".join(sentences))
        header = [title, "", self.date_line(day)] if self.r.random() < 0.4 else [title]
        text = "\n".join(header) + "\n\n" + "\n\n".join(paras) + "\n"
        return RawArticle(
            id=f"synth-{seed}-{i:06d}",
            text=text,
            title=title,
            published=day.isoformat() if self.r.random() < 0.7 else None,
            outlet=self.r.choice(OUTLETS),
        )


def generate(n: int, seed: int = 0) -> list[RawArticle]:
    """``n`` articles; the same ``(n, seed)`` always gives the same list (and a prefix of a larger n)."""
    return [_Writer(random.Random(f"{seed}:{i}")).article(i, seed) for i in range(n)]


def write_txt(articles: list[RawArticle], out: Path, per_folder: int = 1000) -> None:
    """One .txt file per article (title as the first line), in sub-folders of ``per_folder``."""
    for i, art in enumerate(articles):
        folder = out / f"{i // per_folder:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{art.id}.txt").write_text(art.text, encoding="utf-8")


def write_jsonl(articles: list[RawArticle], out: Path, shard_size: int = 1000) -> None:
    """JSONL shards ``articles-00000.jsonl`` of ``shard_size`` lines (id, title, text, published, outlet)."""
    out.mkdir(parents=True, exist_ok=True)
    for k in range(0, len(articles), shard_size):
        with (out / f"articles-{k // shard_size:05d}.jsonl").open("w", encoding="utf-8") as fh:
            for art in articles[k : k + shard_size]:
                rec = {
                    "id": art.id,
                    "title": art.title,
                    "text": art.text,
                    "published": art.published,
                    "outlet": art.outlet,
                }
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, required=True, help="output folder")
    ap.add_argument("--format", choices=("txt", "jsonl"), default="jsonl")
    ap.add_argument(
        "--shard-size", type=int, default=1000, help="lines per JSONL shard / files per txt folder"
    )
    args = ap.parse_args(argv)
    articles = generate(args.n, args.seed)
    if args.format == "txt":
        write_txt(articles, args.out, args.shard_size)
    else:
        write_jsonl(articles, args.out, args.shard_size)
    print(f"wrote {len(articles)} articles to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
