"""Generate the practice dataset of a fictional Beirut youth NGO's Facebook page.

Run ``python -m course.data.generate_page_posts`` to (re)write
``course/data/page_posts.csv``. The output depends only on ``SEED``: the same
seed gives the same bytes. All names, pages and numbers are invented.

How the numbers are made (so lessons can discover it in the data):
reach is lognormal and grows slowly with the page's followers; videos and
photos reach further and get more reactions than links and plain text;
evening posts (19:00-22:00, later during Ramadan) do best; one or two
hashtags help a little, six or more hurt; paid boosts multiply reach by about
three but the extra people engage less; campaign days (International Women's
Day, World Refugee Day and other awareness days) bring spikes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from .csv_output import command_line, write_table

SEED = 20250308
START = date(2025, 1, 1)
END = date(2025, 6, 30)
TIMEZONE = "Asia/Beirut"
OUTPUT = Path(__file__).with_name("page_posts.csv")
SITE = "https://bukra-youth.example"

COLUMNS = [
    "post_id", "posted_at", "weekday", "hour", "post_type", "language", "text",
    "hashtags", "n_hashtags", "paid", "reach", "impressions", "reactions",
    "comments", "shares", "link_clicks",
]

POST_TYPES = ["photo", "video", "link", "text", "live"]
TYPE_SHARE = [0.38, 0.18, 0.2, 0.18, 0.06]
POSTING_HOURS = list(range(8, 24))
HOUR_WEIGHTS = [2, 4, 5, 4, 4, 3, 3, 3, 3, 4, 6, 7, 7, 6, 4, 2]
N_HASHTAGS = list(range(9))
N_HASHTAG_SHARE = [0.1, 0.28, 0.27, 0.13, 0.08, 0.06, 0.04, 0.02, 0.02]
RAMADAN = (date(2025, 3, 1), date(2025, 3, 29))

PARTNERS = [
    "@CedarGreenLab", "@HamraReadsLibrary", "@NisaaVoicesLB", "@MinaFishersCoop",
    "@BekaaYouthRadio", "@SafeOnlineArabia", "@TripoliArtsHub", "@SaidaCleanShores",
]

GENERAL_TAGS = {
    "en": ["#BukraYouth", "#YouthVoices", "#Beirut", "#Lebanon", "#Volunteer",
           "#CivilSociety", "#YouthLeadership", "#Community"],
    "ar": ["#شباب_بكرا", "#شباب_لبنان", "#بيروت", "#لبنان", "#تطوع",
           "#المجتمع_المدني", "#قيادة_الشباب", "#معا"],
}

# topic -> language -> (sentences, topic hashtags)
TOPICS = {
    "digital_safety": {
        "en": (["Free workshop: protect your accounts with two-factor authentication. Saturday at 5 pm in our Hamra space, seats are limited.",
                "Your password is the front door of your page. Join our digital safety session and leave with a password manager set up.",
                "Got a strange message asking you to 'verify your page'? Do not click. Here is how to spot a fake link."],
               ["#DigitalSecurity", "#StaySafeOnline", "#TwoFactor"]),
        "ar": (["ورشة مجانية: احموا حساباتكم بالتحقق بخطوتين. السبت الساعة الخامسة في مساحتنا في الحمرا، والأماكن محدودة.",
                "كلمة السر هي باب صفحتك. انضموا إلى جلسة الأمان الرقمي واخرجوا ومعكم مدير كلمات سر جاهز.",
                "وصلتك رسالة غريبة تطلب منك 'تأكيد صفحتك'؟ لا تضغط على الرابط. إليك كيف تكشف الرابط المزيف."],
               ["#الأمان_الرقمي", "#التحقق_بخطوتين", "#خصوصيتك_مهمة"]),
    },
    "volunteering": {
        "en": (["We need 20 volunteers for our beach clean-up at Ramlet al-Bayda. Sign up and bring a friend!",
                "Thank you to the 35 volunteers who spent their Sunday repainting a school in Karantina.",
                "New volunteers' welcome evening this Thursday: meet the team, hear about our projects, have a coffee."],
               ["#Volunteering", "#CleanBeaches", "#GiveBack"]),
        "ar": (["نحتاج إلى ٢٠ متطوعاً ومتطوعة لحملة تنظيف شاطئ الرملة البيضاء. سجّلوا وأحضروا صديقاً معكم!",
                "شكراً للمتطوعين الـ٣٥ الذين أمضوا يوم الأحد في إعادة طلاء مدرسة في الكرنتينا.",
                "أمسية ترحيب بالمتطوعين الجدد هذا الخميس: تعرّفوا إلى الفريق ومشاريعنا على فنجان قهوة."],
               ["#تطوع", "#شواطئ_نظيفة", "#العطاء"]),
    },
    "civic": {
        "en": (["What would you change in your neighbourhood if you had a say? Tell us in the comments and we will take your ideas to the municipality.",
                "Our new five-minute guide explains what a municipal council does and how to contact yours.",
                "Young people's ideas for safer streets, presented to the neighbourhood committee last night."],
               ["#CivicSpace", "#LocalDemocracy", "#HaveYourSay"]),
        "ar": (["ماذا تغيّر في حيّك لو كان لك رأي؟ اكتبوا لنا في التعليقات وسننقل أفكاركم إلى البلدية.",
                "دليلنا الجديد يشرح في خمس دقائق ما يفعله المجلس البلدي وكيف تتواصل معه.",
                "أفكار الشباب لشوارع أكثر أماناً قُدّمت أمس إلى لجنة الحي."],
               ["#المشاركة_المدنية", "#البلديات", "#صوتك_مهم"]),
    },
    "wellbeing": {
        "en": (["Exams, work, the news: it is a lot. Our peer-support circle meets every Wednesday evening. You are not alone.",
                "Five small habits our members use to take a break from their phones.",
                "Talking helps. Our trained listeners answer messages every evening from 6 to 9."],
               ["#MentalHealth", "#YouAreNotAlone", "#Wellbeing"]),
        "ar": (["الامتحانات والعمل والأخبار... الحمل ثقيل. حلقة الدعم بين الأقران تلتقي كل أربعاء مساءً. لست وحدك.",
                "خمس عادات صغيرة يستعملها أعضاؤنا لأخذ استراحة من الهاتف.",
                "الكلام يساعد. مستمعونا المدرّبون يجيبون على الرسائل كل مساء من السادسة حتى التاسعة."],
               ["#الصحة_النفسية", "#لست_وحدك", "#العافية"]),
    },
    "climate": {
        "en": (["Beirut summers are getting hotter. Three things our members do to save water at home.",
                "Our rooftop garden in Bourj Hammoud now grows tomatoes, mint and hope.",
                "Bring your plastic bottles to our recycling point every Saturday morning."],
               ["#ClimateAction", "#ZeroWaste", "#GreenBeirut"]),
        "ar": (["صيف بيروت يزداد حرارة. ثلاثة أشياء يفعلها أعضاؤنا لتوفير المياه في البيت.",
                "حديقتنا على السطح في برج حمود تُنبت اليوم البندورة والنعناع والأمل.",
                "أحضروا قناني البلاستيك إلى نقطة إعادة التدوير عندنا كل سبت صباحاً."],
               ["#العدالة_المناخية", "#إعادة_التدوير", "#بيروت_خضراء"]),
    },
    "equality": {
        "en": (["Meet Rana, 22, who started a coding club for girls in Tripoli.",
                "Equal pay, equal voice: our debate club asks what fairness at work looks like.",
                "Our mentoring programme pairs young women with professionals in media and tech. Applications are open."],
               ["#WomensRights", "#GenderEquality", "#GirlsInTech"]),
        "ar": (["تعرّفوا إلى رنا، ٢٢ عاماً، التي أسست نادي برمجة للفتيات في طرابلس.",
                "أجر متساوٍ وصوت متساوٍ: نادي النقاش يسأل كيف تبدو العدالة في العمل.",
                "برنامج الإرشاد يجمع الشابات بمهنيين في الإعلام والتكنولوجيا. التقديم مفتوح."],
               ["#حقوق_المرأة", "#المساواة", "#فتيات_في_التكنولوجيا"]),
    },
    "media_literacy": {
        "en": (["Before you share: who posted it, when, and who else reports it? Three questions that stop rumours.",
                "A photo can be real and still be from another year. Try a reverse image search before you repost.",
                "Our fact-checking club looked at this week's most shared claims. Here is what we found."],
               ["#FactCheck", "#MediaLiteracy", "#ThinkBeforeYouShare"]),
        "ar": (["قبل أن تشارك: من نشر الخبر، ومتى، ومن غيره نشره؟ ثلاثة أسئلة توقف الشائعات.",
                "قد تكون الصورة حقيقية لكنها من سنة أخرى. جرّبوا البحث العكسي عن الصور قبل إعادة النشر.",
                "نادي التحقق من الأخبار راجع أكثر الادعاءات انتشاراً هذا الأسبوع. إليكم ما وجدناه."],
               ["#تحقق_قبل_النشر", "#التربية_الإعلامية", "#لا_للشائعات"]),
    },
    "inclusion": {
        "en": (["Our Friday football league brings together young Lebanese, Syrian and Palestinian players.",
                "Sign language basics, every Monday this month, open to everyone.",
                "Is our space accessible to you? Tell us what we should fix first."],
               ["#Inclusion", "#SportForAll", "#Together"]),
        "ar": (["دوري كرة القدم كل جمعة يجمع لاعبين شباباً من لبنان وسوريا وفلسطين.",
                "أساسيات لغة الإشارة كل اثنين هذا الشهر، والدعوة مفتوحة للجميع.",
                "هل مساحتنا مهيّأة لك؟ أخبرنا ما الذي يجب أن نصلحه أولاً."],
               ["#الدمج", "#الرياضة_للجميع", "#معا_أقوى"]),
    },
}

# date -> (name, boost on log reach, language -> (sentence, campaign hashtags))
CAMPAIGNS = {
    date(2025, 1, 24): ("Education Day", 0.5, {
        "en": ("On International Day of Education: every young person deserves a second chance to learn.", ["#EducationDay", "#RightToLearn"]),
        "ar": ("في اليوم الدولي للتعليم: لكل شاب وشابة الحق في فرصة ثانية للتعلّم.", ["#اليوم_الدولي_للتعليم", "#الحق_في_التعليم"])}),
    date(2025, 2, 11): ("Safer Internet Day", 0.5, {
        "en": ("It is Safer Internet Day. Take two minutes now to switch on two-factor authentication.", ["#SaferInternetDay", "#DigitalSecurity"]),
        "ar": ("إنه يوم الإنترنت الآمن. خذوا دقيقتين الآن لتفعيل التحقق بخطوتين.", ["#يوم_الإنترنت_الآمن", "#الأمان_الرقمي"])}),
    date(2025, 3, 8): ("International Women's Day", 1.0, {
        "en": ("Today, on International Women's Day, we celebrate the young women leading change in our neighbourhoods.", ["#IWD2025", "#InternationalWomensDay"]),
        "ar": ("في اليوم العالمي للمرأة نحتفي بالشابات اللواتي يقدن التغيير في أحيائنا.", ["#يوم_المرأة_العالمي", "#حقوق_المرأة"])}),
    date(2025, 4, 22): ("Earth Day", 0.5, {
        "en": ("Happy Earth Day! Join our tree planting in the Horsh Beirut park this afternoon.", ["#EarthDay", "#ClimateAction"]),
        "ar": ("يوم أرض سعيد! انضموا إلينا لزراعة الأشجار في حرش بيروت بعد الظهر.", ["#يوم_الأرض", "#العدالة_المناخية"])}),
    date(2025, 5, 3): ("World Press Freedom Day", 0.5, {
        "en": ("On World Press Freedom Day we thank the young journalists who keep asking questions.", ["#WorldPressFreedomDay", "#FreeSpeech"]),
        "ar": ("في اليوم العالمي لحرية الصحافة نشكر الصحفيين الشباب الذين لا يتوقفون عن السؤال.", ["#حرية_الصحافة", "#حرية_التعبير"])}),
    date(2025, 6, 5): ("World Environment Day", 0.5, {
        "en": ("World Environment Day: our volunteers collected 400 kg of plastic from the shore this spring.", ["#WorldEnvironmentDay", "#BeatPlasticPollution"]),
        "ar": ("اليوم العالمي للبيئة: جمع متطوعونا ٤٠٠ كيلوغرام من البلاستيك عن الشاطئ هذا الربيع.", ["#اليوم_العالمي_للبيئة", "#لا_للبلاستيك"])}),
    date(2025, 6, 20): ("World Refugee Day", 1.0, {
        "en": ("On World Refugee Day we stand with every family forced to leave home. Hear their stories in our new video series.", ["#WorldRefugeeDay", "#WithRefugees"]),
        "ar": ("في اليوم العالمي للاجئين نقف مع كل عائلة أُجبرت على ترك بيتها. استمعوا إلى قصصهم في سلسلة الفيديو الجديدة.", ["#اليوم_العالمي_للاجئين", "#مع_اللاجئين"])}),
}

PREFIX = {
    ("video", "en"): "Watch: ", ("video", "ar"): "شاهدوا: ",
    ("live", "en"): "We are live now: ", ("live", "ar"): "مباشر الآن: ",
    ("photo", "en"): "📸 ", ("photo", "ar"): "📸 ",
}
LINK_LEAD = {"en": "Read more: ", "ar": "اقرأوا المزيد: "}
THANKS = {"en": "Thanks to our partners {partner}.", "ar": "شكراً لشركائنا {partner}."}

# effects on log(reach)
TYPE_REACH = {"photo": 0.15, "video": 0.35, "live": 0.2, "link": -0.25, "text": -0.35}
WEEKDAY_REACH = [-0.05, 0.0, 0.0, 0.05, -0.1, 0.05, 0.12]  # Monday .. Sunday
# engagement rates per person reached, before other effects
REACTION_RATE = {"photo": 0.046, "video": 0.042, "live": 0.038, "link": 0.02, "text": 0.028}
COMMENT_RATE = {"photo": 0.004, "video": 0.005, "live": 0.011, "link": 0.002, "text": 0.006}
SHARE_RATE = {"photo": 0.0035, "video": 0.0065, "live": 0.0025, "link": 0.004, "text": 0.0018}
LINK_CLICK_RATE = 0.028


def hour_effect(hour: int, ramadan: bool) -> float:
    """Effect of the local posting hour on log(reach): evenings are best."""
    if ramadan:  # people are online after iftar, late into the night
        if 21 <= hour <= 23:
            return 0.45
        if 17 <= hour <= 19:
            return -0.15
    if 19 <= hour <= 22:
        return 0.35
    if hour in (17, 18, 23):
        return 0.15
    if 12 <= hour <= 16:
        return 0.0
    if 8 <= hour <= 11:
        return -0.05
    return -0.3


def hashtag_effect(n: int) -> float:
    """One or two hashtags help a little; many look like spam."""
    return {0: -0.05, 1: 0.1, 2: 0.1, 3: 0.03, 4: -0.05, 5: -0.12}.get(n, -0.25)


def _pick(rng: np.random.Generator, items: list, weights: list | None = None):
    p = None if weights is None else np.asarray(weights, dtype=float) / float(sum(weights))
    return items[int(rng.choice(len(items), p=p))]


def _hashtags(rng: np.random.Generator, n: int, language: str, topic_tags: list[str],
              campaign_tags: list[str], other_tags: list[str]) -> list[str]:
    """n distinct hashtags: campaign tags first, then topic, then general ones."""
    pool = list(campaign_tags)
    for tag in [*topic_tags, *other_tags]:
        if tag not in pool:
            pool.append(tag)
    head = pool[:len(campaign_tags)]
    tail = pool[len(campaign_tags):]
    order = rng.permutation(len(tail))
    chosen = (head + [tail[i] for i in order])[:n]
    # now and then someone types an English tag all in lowercase
    return [t.lower() if t.isascii() and rng.random() < 0.06 else t for t in chosen]


def _post(rng: np.random.Generator, day: date, campaign) -> dict:
    language = "ar" if rng.random() < 0.6 else "en"
    post_type = _pick(rng, POST_TYPES, [0.3, 0.25, 0.15, 0.1, 0.2] if campaign else TYPE_SHARE)
    topic = _pick(rng, sorted(TOPICS))
    sentences, topic_tags = TOPICS[topic][language]
    sentence = _pick(rng, sentences)
    campaign_tags: list[str] = []
    if campaign is not None:  # every post that day carries the campaign's hashtags
        campaign_sentence, campaign_tags = campaign[2][language]
        if rng.random() < 0.5:
            sentence = campaign_sentence
    other_language = "en" if language == "ar" else "ar"
    general = GENERAL_TAGS[language] + (GENERAL_TAGS[other_language][:2] if rng.random() < 0.3 else [])
    n_tags = _pick(rng, N_HASHTAGS, N_HASHTAG_SHARE)
    tags = _hashtags(rng, n_tags, language, topic_tags, campaign_tags, general)

    parts = [PREFIX.get((post_type, language), "") + sentence]
    if post_type == "link":
        slug = f"{topic.replace('_', '-')}-{day:%Y-%m}"
        parts.append(LINK_LEAD[language] + f"{SITE}/{slug}")
    if rng.random() < 0.35:
        parts.append(THANKS[language].format(partner=_pick(rng, PARTNERS)))
    if tags:
        parts.append(" ".join(tags))
    return {"language": language, "post_type": post_type, "text": " ".join(parts), "tags": tags}


def generate(seed: int = SEED, start: date = START, end: date = END) -> pd.DataFrame:
    """Build the posts table; the same seed always gives the same table."""
    rng = np.random.default_rng(seed)
    zone = ZoneInfo(TIMEZONE)
    total_days = (end - start).days
    rows = []
    day = start
    while day <= end:
        campaign = CAMPAIGNS.get(day)
        ramadan = RAMADAN[0] <= day <= RAMADAN[1]
        n_posts = _pick(rng, [3, 4, 5], [0.3, 0.5, 0.2]) if campaign else _pick(rng, [1, 2, 3], [0.4, 0.42, 0.18])
        hour_weights = list(HOUR_WEIGHTS)
        if ramadan:  # the team posts later in the evening
            hour_weights = [w if h < 17 else (1 if h in (17, 18, 19) else w + 4) for h, w in zip(POSTING_HOURS, HOUR_WEIGHTS)]
        p = np.asarray(hour_weights, dtype=float) / float(sum(hour_weights))
        hours = sorted(int(POSTING_HOURS[i]) for i in rng.choice(len(POSTING_HOURS), size=n_posts, replace=False, p=p))
        followers = 5200 + 1300 * (day - start).days / total_days
        for hour in hours:
            minute = int(rng.integers(0, 60))
            post = _post(rng, day, campaign)
            post_type, n_tags = post["post_type"], len(post["tags"])
            paid = bool(post_type in ("photo", "video", "link") and rng.random() < (0.45 if campaign else 0.07))
            h_eff = hour_effect(hour, ramadan)
            log_reach = (np.log(0.17 * followers) + TYPE_REACH[post_type] + h_eff
                         + WEEKDAY_REACH[day.weekday()] + hashtag_effect(n_tags)
                         + (0.08 if post["language"] == "ar" else 0.0)
                         + (campaign[1] if campaign else 0.0) + (1.1 if paid else 0.0)
                         + rng.normal(0.0, 0.45))
            reach = max(20, int(round(float(np.exp(log_reach)))))
            frequency = 1.0 + float(rng.lognormal(np.log(0.45 if paid else 0.18), 0.5))
            impressions = max(reach, int(np.ceil(reach * frequency)))
            lift = float(np.exp(0.8 * h_eff + hashtag_effect(n_tags)
                                + (0.2 if campaign else 0.0) - (0.35 if paid else 0.0)
                                + rng.normal(0.0, 0.25)))
            reactions = int(rng.binomial(reach, min(0.5, REACTION_RATE[post_type] * lift)))
            comments = int(rng.binomial(reach, min(0.2, COMMENT_RATE[post_type] * lift)))
            shares = int(rng.binomial(reach, min(0.2, SHARE_RATE[post_type] * lift * (1.5 if campaign else 1.0))))
            clicks = int(rng.binomial(reach, min(0.3, LINK_CLICK_RATE * lift))) if post_type == "link" else 0
            moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
            rows.append({
                "post_id": "",
                "posted_at": moment.isoformat(),
                "weekday": moment.strftime("%A"),
                "hour": hour,
                "post_type": post_type,
                "language": post["language"],
                "text": post["text"],
                "hashtags": " ".join(post["tags"]),
                "n_hashtags": n_tags,
                "paid": paid,
                "reach": reach,
                "impressions": impressions,
                "reactions": reactions,
                "comments": comments,
                "shares": shares,
                "link_clicks": clicks,
            })
        day += timedelta(days=1)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["post_id"] = [f"P{i:04d}" for i in range(1, len(frame) + 1)]
    return frame


def write_csv(path: Path | str = OUTPUT, seed: int = SEED) -> Path:
    """Write the dataset as UTF-8 CSV with fixed formatting; return the path."""
    return write_table(generate(seed), path, float_format="%.4f")


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__, write_csv, OUTPUT, SEED, argv)


if __name__ == "__main__":
    raise SystemExit(main())
