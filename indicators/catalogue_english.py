"""English beside the catalogue: group names, the report's passages, and the standard notes of
the built-in data, so that English pages and exports carry no Chinese the product wrote itself.

Kept beside ``catalogue_entries.py`` (already long) rather than inside it. Passages are keyed by
indicator code; notes are keyed by the parts the built-in data joins with "；".
"""

from __future__ import annotations

GROUPS_EN: dict[str, str] = {
    # model_workers, model_worker_homes: levels
    "全国": "National",
    "省部级": "Provincial and ministerial",
    "省级": "Provincial",
    "市级": "City",
    "县级": "County",
    # aid_funds: uses
    "两节慰问": "Festival visits",
    "日常帮扶": "Regular hardship aid",
    # skill_contest_awards: titles
    "技术能手": "Technical experts",
    "技术标兵": "Technical pacesetters",
    "优秀选手": "Outstanding contestants",
    # worker_libraries: demonstration levels
    "省级示范点": "Provincial demonstration sites",
    "市级示范点": "City demonstration sites",
}

_P8_STOCK = ("As of the first half of this year, the city had 2,185 grassroots union organisations, 848 more "
             "than five years ago, and 112,900 members, 38,700 more than five years ago.")
_P8_RATES = ("The union formation rate and the worker membership rate both reached 90% or more, among the "
             "best in the province.")
_P8_NEW = ("Of these, 59 regional and sectoral unions and 33 unions formed mainly of migrant workers were newly "
           "set up, 30,100 migrant workers were recruited as members, and every township (street) and "
           "community in the city has set up a union.")
_P7_AID = ("Over five years, the city federation alone spent 4.33 million yuan on aid to workers in hardship: "
           "8,900 festival visits to workers in hardship, with 2.78 million yuan of festival gifts, and 830 "
           "cases of aid to workers in extreme hardship, model workers in hardship, students from families in "
           "hardship and workers impoverished by serious illness, with 1.55 million yuan of aid.")
_P7_REEMPLOYMENT = ("Unions at every level worked with the government to help laid-off and unemployed workers "
                    "into jobs, and fully met the first congress's three targets of 750 people each: vocational "
                    "training, job referral services and re-employment.")
_P7_QUAKE = ("After the great Wenchuan earthquake, the city's unions mobilised workers and model workers for "
             "the relief effort; the city federation received 196,600 yuan in donations and goods worth "
             "1.27 million yuan.")
_P3_HONOURS = ("Five units received the national or provincial May Day Labour Certificate, six people the May "
               "Day Labour Medal, and one unit the national Workers' Pioneer title.")
_P4_CONTEST = ("Twelve provincial Technical Experts, 36 Technical Pacesetters and 63 Outstanding Contestants "
               "emerged, and 37 people obtained a higher technical grade certificate.")
_P4_PROPOSALS = ("The city's workers made nearly 30,000 rationalisation proposals, creating an economic benefit "
                 "of nearly 90 million yuan.")
_P5_CONGRESS = ("The workers' congress rate reached 95% or more in restructured enterprises and 63% in "
                "unionised non-public enterprises; regional and sectoral workers' congresses are spreading.")
_P9_TRAINING = ("The city federation ran 4 training courses for more than 490 trainees, and district and county "
                "federations trained more than 2,400 in many forms.")

PASSAGES_EN: dict[str, str] = {
    "grassroots_unions": _P8_STOCK,
    "union_members": _P8_STOCK,
    "union_formation_rate": _P8_RATES,
    "membership_rate": _P8_RATES,
    "township_community_coverage": "Every township (street) and community in the city has set up a union.",
    "new_regional_sector_unions": _P8_NEW,
    "migrant_worker_unions": _P8_NEW,
    "migrant_members_recruited": _P8_NEW,
    "model_worker_homes": ("Over five years, 2 national, 20 provincial model \"workers' homes\" and 206 city "
                           "advanced \"workers' homes\" were newly built."),
    "five_good_county_unions": ("The Ganzhou District federation and one other district or county federation "
                                "are among the province's first \"five-good\" district and county unions."),
    "collective_contract_coverage": ("Equal consultation and collective contracts were promoted: 76% of "
                                     "enterprises signed a collective contract or a collective wage agreement."),
    "women_special_contracts": ("243 enterprises and institutions signed a special collective contract "
                                "protecting women workers' rights."),
    "workers_congress_rate_restructured": _P5_CONGRESS,
    "workers_congress_rate_nonpublic": _P5_CONGRESS,
    "harmonious_enterprises": ("With the labour and social security departments, a campaign for enterprises "
                               "harmonious in labour relations was run; 14 enterprises were so named by the "
                               "province."),
    "aid_funds": _P7_AID,
    "festival_visits": ("Festival visits to workers in hardship reached 8,900, with 2.78 million yuan of "
                        "festival gifts."),
    "hardship_aid_cases": ("830 cases of aid to workers in extreme hardship, model workers in hardship, students "
                           "from families in hardship and workers impoverished by serious illness, with 1.55 "
                           "million yuan of aid."),
    "reemployment_training": _P7_REEMPLOYMENT,
    "reemployment_referral": _P7_REEMPLOYMENT,
    "reemployment_placement": _P7_REEMPLOYMENT,
    "quake_relief_cash": _P7_QUAKE,
    "quake_relief_goods": _P7_QUAKE,
    "model_workers": ("Over five years, 2 national, 19 provincial and ministerial, 30 city and 114 county model "
                      "workers were named."),
    "may_day_certificates": _P3_HONOURS,
    "may_day_medals": _P3_HONOURS,
    "worker_pioneer_units": _P3_HONOURS,
    "skill_contest_trades": ("Building on labour contests run widely by district, county and grassroots unions, "
                             "city skill contests were held in 12 trades, large in scale and in entrants."),
    "skill_contest_awards": _P4_CONTEST,
    "skill_grade_promotions": _P4_CONTEST,
    "rationalisation_proposals": _P4_PROPOSALS,
    "proposal_benefit": _P4_PROPOSALS,
    "worker_libraries": ("Within five years, building on existing cultural venues and focusing on enterprises, "
                         "40 worker libraries will be built, 2 of them provincial and 8 city demonstration "
                         "sites."),
    "cadres_trained_upper": ("Over five years, more than 300 cadres were sent to national and provincial union "
                             "cadre training courses."),
    "city_training_sessions": _P9_TRAINING,
    "city_training_attendance": _P9_TRAINING,
    "county_training_attendance": _P9_TRAINING,
}

_TERM = "five-year total (2004–2008, as of mid-2008), recorded under 2008"
_UNDATED = "the report gives no date; recorded under the report's year, 2008"

NOTE_PARTS_EN: dict[str, str] = {
    # A collection round's city figures (indicators/round_sum.py).
    "由已审核地区的数值相加": "the sum of the approved regions' values",
    "由分子、分母指标计算": "computed from its numerator and denominator indicators",
    "示例数据，非报告数字": "Illustrative value, not a figure of the report",
    "示例数据，非报告数字（地区分布为虚构示例）": "Illustrative value, not a figure of the report (the split by "
                                               "region is a made-up example)",
    "各分组示例数相加": "the sum of the groups' illustrative values",
    "五年累计（2004–2008年，截至2008年上半年），记于2008年": _TERM,
    "截至2008年上半年": "as of mid-2008",
    "报告未注明时点，按报告年份2008年记": _UNDATED,
    "报告：三个750人目标全面完成（具体人数未给出）": "Report: the three targets of 750 people were fully met (the "
                                              "actual numbers are not given)",
    "省级称号": "provincial titles",
    "报告称“90%以上”，90为下限": "the report says \"above 90%\": 90 is a lower bound",
    "报告称“95%以上”，95为下限": "the report says \"above 95%\": 95 is a lower bound",
    "报告称“300多名”，300为下限": "the report says \"more than 300\": 300 is a lower bound",
    "报告称“490余人次”，490为下限": "the report says \"over 490\": 490 is a lower bound",
    "报告称“2400多人次”，2400为下限": "the report says \"more than 2,400\": 2,400 is a lower bound",
    "报告称“近3万条”，为近似值（实际略少）": "the report says \"nearly 30,000\": an approximation (slightly fewer)",
    "报告称“近9000万元”，为近似值（实际略少）": "the report says \"nearly 90 million yuan\": an approximation "
                                           "(slightly less)",
    "报告称乡镇（街道）、社区全部建立了工会组织，记为100%": "the report says every township (street) and "
                                                 "community has a union, recorded as 100%",
    "2008年汶川特大地震后市总工会接受的捐款，一次性数字": "donations the city federation received after the 2008 "
                                               "Wenchuan earthquake, a one-off figure",
    "2008年汶川特大地震后市总工会接受的捐物折合价值，一次性数字": "value of goods the city federation received after "
                                                   "the 2008 Wenchuan earthquake, a one-off figure",
    "“两节”慰问金": "festival gifts",
    "仅市总工会": "the city federation only",
    "433 = 两节慰问278 + 日常帮扶155": "433 = festival visits 278 + regular hardship aid 155",
    "全国或省级合计": "national and provincial together",
    "原文此处受损（作“20236个”），推断为206个": "the source is damaged here (it reads \"20236\"); inferred as 206",
    "原文称“先进职工之（小）家”": "the source says advanced \"workers' homes\"",
    "原文此处受损（作“2023个”），推断为20个": "the source is damaged here (it reads \"2023\"); inferred as 20",
    "发放帮扶资金155万元": "1.55 million yuan of aid paid",
    "发放慰问金278万元": "2.78 million yuan of festival gifts paid",
    "各称号合计，由报告分项相加（12+36+63）": "all titles, the sum of the report's figures (12+36+63)",
    "各级合计，由报告分项相加（2+19+30+114）": "all levels, the sum of the report's figures (2+19+30+114)",
    "各级合计，由报告分项相加（2+20+206），含推断值：省级20、市级206原文受损": (
        "all levels, the sum of the report's figures (2+20+206), including inferred values: provincial 20 and "
        "city 206 are damaged in the source"),
    "帮扶特困职工、困难劳模、困难职工家庭学生、大病致困职工": (
        "aid to workers in extreme hardship, model workers in hardship, students from families in hardship and "
        "workers impoverished by serious illness"),
    "数字跨第4、5段断开（“2”与“43个”合为243个）": "the number is split across fragments 4 and 5 (\"2\" and "
                                             "\"43\" make 243)",
    "甘州区和另一县区（XX县区）总工会建成全省首批“五好”县区工会": (
        "the Ganzhou District federation and one other (unnamed) are among the province's first \"five-good\" "
        "district and county unions"),
    "个数由报告点名数得，按报告年份2008年记": "counted from the units the report names; recorded under the "
                                        "report's year, 2008",
    "由报告数据推算：2185−848（比五年前增加848个），五年前按2003年记": (
        "derived from the report: 2,185 − 848 (848 more than five years ago); five years ago is taken as 2003"),
    "由报告数据推算：11.29−3.87（比五年前增加3.87万人），五年前按2003年记": (
        "derived from the report: 112,900 − 38,700 (38,700 more than five years ago); five years ago is taken "
        "as 2003"),
    # targets
    "保持在90%以上": "stay at 90% or above",
    "第一次代表大会提出的目标，已全面完成": "the first congress's target, fully met",
    "今后五年（2008–2013年）建设目标": "target for the next five years (2008–2013)",
}
