"""The catalogue's entries: one ``Indicator`` per row of the report's CATALOG.md, in its order.

Passages quote the work report with the machine-garbled words corrected (see NOTES.md).
"""

from __future__ import annotations

from indicators.catalogue import Indicator

_STOCK_ZH = "年末(2008年为截至年中)"
_STOCK_EN = "at the end of the year (2008: as of mid-year)"
_TERM_ZH = "自2004年起累计(第一届代表大会任期2004—2008年,2008年报至年中)"
_TERM_EN = "running total since 2004 (the first congress's term, 2004–2008, reported at mid-2008)"

_P8_STOCK = (
    "截至今年上半年,全市工会基层组织数达到2185个,比五年前增加848个;"
    "会员数达到11.29万人,比五年前增加3.87万人。"
)
_P8_RATES = "工会组建率和职工入会率均达到90%以上,处于全省领先水平。"
_P8_NEW = (
    "其中新建区域性行业性工会组织59个、以农民工会员为主体的工会组织33个,"
    "发展农民工会员3.01万人,全市乡镇(街道)、社区全部建立了工会组织。"
)
_P7_AID = (
    "五年来,仅市总工会用于帮扶困难职工的资金累计达到433万元,其中:"
    "“两节”慰问困难职工累计达到8900人次,发放慰问金278万元;"
    "帮扶特困职工、困难劳模、困难职工家庭学生、大病致困职工共830人次,发放帮扶资金155万元。"
)
_P7_REEMPLOYMENT = (
    "各级工会积极配合政府部门向下岗失业职工提供就业援助,全面完成了第一次代表大会提出的"
    "对下岗失业人员进行职业培训、提供职业介绍服务、实现就业三个750人的目标任务。"
)
_P7_QUAKE = (
    "汶川特大地震发生后,全市工会积极发动广大职工和劳动模范参与抗震救灾,"
    "市总工会接受捐款19.66万元、捐物折合价值127万元。"
)
_P3_HONOURS = "有5个单位获全国或省级“五一劳动奖状”,6名个人获“五一劳动奖章”,1个单位获全国“工人先锋号”。"
_P4_CONTEST = "涌现出省级“技术能手”12名、“技术标兵”36名、“优秀选手”63名,有37人取得了高一级技术等级证书。"
_P4_PROPOSALS = "全市职工累计提合理化建议近3万条,创经济效益近9000万元。"
_P5_CONGRESS = (
    "改制企业职代会建制率达到95%以上,已建会非公有制企业职代会建制率达到63%,"
    "区域性行业性职代会逐步推广。"
)
_P9_TRAINING = (
    "市总工会举办培训班4期、培训490余人次,县区总工会通过多种形式培训2400多人次。"
)

_REEMPLOYMENT_NOTE_ZH = "报告只说第一次代表大会提出的750人目标已全面完成,未给出实际人数;750是目标,可视为下限。"
_REEMPLOYMENT_NOTE_EN = (
    "The report says only that the first congress's target of 750 people was fully met; "
    "the actual number is not given. 750 is the target, read as a lower bound."
)
_QUAKE_NOTE_ZH = "2008年汶川地震后的一次性数字,按自地震以来的累计数记;是市总工会接受的捐赠,不含县区。"
_QUAKE_NOTE_EN = (
    "A one-off 2008 figure after the Wenchuan earthquake, counted as cumulative since the "
    "quake; it is what the city federation received, not counting the districts and counties."
)

ENTRIES: list[Indicator] = [
    # 组织建设 Organisation
    Indicator(
        code="grassroots_unions",
        name_zh="基层工会组织数",
        name_en="Grassroots union organisations",
        category="organisation",
        unit_zh="个",
        unit_en="organisations",
        kind="stock",
        direction="increase",
        definition_zh=f"{_STOCK_ZH}全市已建立的工会基层组织个数。",
        definition_en=f"Number of grassroots trade-union organisations in the city {_STOCK_EN}.",
        fragment="8",
        passage=_P8_STOCK,
        aliases=(
            "基层工会数",
            "工会基层组织数",
            "基层工会组织",
            "基层工会个数",
            "grassroots unions",
        ),
        note_zh="2008年为年中数;2003年的1337个由2185−848推得,报告未直接给出。",
        note_en=(
            "The 2008 figure is mid-year; the 2003 figure of 1,337 is derived as 2,185 − 848, "
            "not stated directly."
        ),
    ),
    Indicator(
        code="union_members",
        name_zh="工会会员数",
        name_en="Union members",
        category="organisation",
        unit_zh="万人",
        unit_en="10k people",
        kind="stock",
        direction="increase",
        definition_zh=f"{_STOCK_ZH}全市工会会员人数,以万人计。",
        definition_en=f"Number of trade-union members in the city, in 10k people, {_STOCK_EN}.",
        fragment="8",
        passage=_P8_STOCK,
        aliases=("会员数", "会员人数", "工会会员", "工会会员人数", "union membership"),
        note_zh="2008年为年中数;2003年的7.42万人由11.29−3.87推得,报告未直接给出。",
        note_en=(
            "The 2008 figure is mid-year; the 2003 figure of 74,200 (7.42) is derived as "
            "11.29 − 3.87, not stated directly."
        ),
    ),
    Indicator(
        code="union_formation_rate",
        name_zh="工会组建率",
        name_en="Union formation rate",
        category="organisation",
        unit_zh="%",
        unit_en="%",
        kind="rate",
        direction="increase",
        definition_zh="工会组建率 = 已建立工会组织的单位数 ÷ 应建会单位数 × 100%。",
        definition_en=(
            "Union formation rate = units that have set up a trade union ÷ units that should "
            "have one × 100%."
        ),
        fragment="8",
        passage=_P8_RATES,
        aliases=("建会率", "组建率", "工会建会率", "union formation"),
        note_zh="报告称“90%以上”,90是下限而非确切值;今后目标为保持在90%以上。",
        note_en=(
            'The report says "above 90%": 90 is a lower bound, not an exact value. '
            "The target is to stay at 90% or above."
        ),
    ),
    Indicator(
        code="membership_rate",
        name_zh="职工入会率",
        name_en="Worker membership rate",
        category="organisation",
        unit_zh="%",
        unit_en="%",
        kind="rate",
        direction="increase",
        definition_zh="职工入会率 = 已加入工会的职工人数 ÷ 已建会单位职工总数 × 100%。",
        definition_en=(
            "Worker membership rate = workers who have joined the union ÷ all workers of "
            "unionised units × 100%."
        ),
        fragment="8",
        passage=_P8_RATES,
        aliases=("入会率", "职工入会比例", "membership rate", "union density"),
        note_zh="报告称“90%以上”,90是下限而非确切值;今后目标为保持在90%以上。",
        note_en=(
            'The report says "above 90%": 90 is a lower bound, not an exact value. '
            "The target is to stay at 90% or above."
        ),
    ),
    Indicator(
        code="township_community_coverage",
        name_zh="乡镇(街道)、社区建会率",
        name_en="Townships, streets and communities with a union",
        category="organisation",
        unit_zh="%",
        unit_en="%",
        kind="rate",
        direction="increase",
        definition_zh=(
            "乡镇(街道)、社区建会率 = 已建立工会组织的乡镇(街道)和社区数 "
            "÷ 全市乡镇(街道)和社区总数 × 100%。"
        ),
        definition_en=(
            "Share with a union = townships, streets and communities that have set up a union "
            "÷ all townships, streets and communities in the city × 100%."
        ),
        fragment="8",
        passage="全市乡镇(街道)、社区全部建立了工会组织。",
        aliases=(
            "乡镇街道社区建会率",
            "乡镇社区建会率",
            "社区建会率",
            "township union coverage",
        ),
        note_zh="报告称“全部建立了工会组织”,记为100%。",
        note_en="The report says all of them have set up a union, recorded as 100%.",
    ),
    Indicator(
        code="new_regional_sector_unions",
        name_zh="新建区域性行业性工会组织",
        name_en="New regional and sectoral unions",
        category="organisation",
        unit_zh="个",
        unit_en="unions",
        kind="cumulative",
        direction="increase",
        definition_zh=f"新建立的区域性、行业性工会组织个数,{_TERM_ZH}。",
        definition_en=f"Regional and sectoral trade unions newly set up, {_TERM_EN}.",
        fragment="8",
        passage=_P8_NEW,
        aliases=(
            "区域性行业性工会组织",
            "新建区域性行业性工会",
            "区域性行业性工会",
            "新建区域行业工会",
        ),
    ),
    Indicator(
        code="migrant_worker_unions",
        name_zh="以农民工会员为主体的工会组织",
        name_en="Unions formed mainly of migrant workers",
        category="organisation",
        unit_zh="个",
        unit_en="unions",
        kind="cumulative",
        direction="increase",
        definition_zh=f"新建立的以农民工会员为主体的工会组织个数,{_TERM_ZH}。",
        definition_en=(
            f"Trade unions newly set up whose members are mainly migrant workers, {_TERM_EN}."
        ),
        fragment="8",
        passage=_P8_NEW,
        aliases=(
            "农民工工会组织",
            "农民工为主体的工会组织",
            "农民工工会",
            "migrant worker unions",
        ),
    ),
    Indicator(
        code="migrant_members_recruited",
        name_zh="发展农民工会员",
        name_en="Migrant workers recruited as members",
        category="organisation",
        unit_zh="万人",
        unit_en="10k people",
        kind="cumulative",
        direction="increase",
        definition_zh=f"新发展入会的农民工会员人数,以万人计,{_TERM_ZH}。",
        definition_en=(
            f"Migrant workers newly recruited as union members, in 10k people, {_TERM_EN}."
        ),
        fragment="8",
        passage=_P8_NEW,
        aliases=(
            "农民工会员",
            "新发展农民工会员",
            "发展农民工会员数",
            "农民工入会人数",
        ),
        note_zh="",
        note_en="",
    ),
    Indicator(
        code="model_worker_homes",
        name_zh="模范职工之家(小家)",
        name_en='Model "workers\' home" units',
        category="organisation",
        unit_zh="个",
        unit_en="units",
        kind="cumulative",
        direction="increase",
        definition_zh=f"新建成的“模范职工之家(小家)”个数,按命名级别分列,{_TERM_ZH}。",
        definition_en=(
            f'Union units newly recognised as a model "workers\' home" (or small home), '
            f"by the level that named them, {_TERM_EN}."
        ),
        fragment="9",
        passage=(
            "五年来,新建成全国“模范职工之(小)家”2个、省级“模范职工之(小)家”20个、"
            "市级“先进职工之(小)家”206个。"
        ),
        aliases=(
            "模范职工之(小)家",
            "模范职工之家",
            "模范职工小家",
            "model workers' homes",
        ),
        groups=("全国", "省级", "市级"),
        group_label_zh="级别",
        group_label_en="Level",
        note_zh=(
            "原文数字受损:省级一项原文作“2023个”、市级一项原文作“20236个”,"
            "20和206是推断值(疑为“20”被替换成“2023”)。"
            "市级一项原文称“先进职工之(小)家”而非“模范”。"
        ),
        note_en=(
            'Damaged source: the provincial figure reads "2023" and the city figure '
            '"20236"; 20 and 206 are inferred (apparently "20" was replaced by "2023"). '
            'The city-level units are called "advanced", not "model", workers\' homes.'
        ),
    ),
    Indicator(
        code="five_good_county_unions",
        name_zh='"五好"县区工会',
        name_en='"Five-good" district and county unions',
        category="organisation",
        unit_zh="个",
        unit_en="unions",
        kind="stock",
        direction="increase",
        definition_zh=f"{_STOCK_ZH}被命名为全省“五好”县区工会的县区总工会个数。",
        definition_en=(
            'Number of district and county union federations named "five-good" county '
            f"unions by the province, {_STOCK_EN}."
        ),
        fragment="10",
        passage="甘州区、XX县区总工会已建成全省首批“五好”县区工会。",
        aliases=("五好县区总工会", "五好县区工会数", "five-good county unions"),
        note_zh="报告未直接给出个数,2个由点名的甘州区和另一匿名县区(XX县区)数得;均为全省首批。",
        note_en=(
            "The count is not stated; 2 is counted from the two unions named (Ganzhou District and an "
            "anonymised XX county), both in the province's first batch."
        ),
    ),
    # 维权 Rights
    Indicator(
        code="collective_contract_coverage",
        name_zh="集体合同(工资集体协议)签订率",
        name_en="Enterprises with a collective contract or wage agreement",
        category="rights",
        unit_zh="%",
        unit_en="%",
        kind="rate",
        direction="increase",
        definition_zh=(
            "集体合同签订率 = 签订了集体合同或工资集体协议的企业数 ÷ 纳入统计的企业总数 × 100%。"
        ),
        definition_en=(
            "Coverage = enterprises that have signed a collective contract or a collective wage "
            "agreement ÷ all enterprises in scope × 100%."
        ),
        fragment="4",
        passage="大力推行平等协商集体合同制度,有76%的企业签订了集体合同或工资集体协议。",
        aliases=(
            "集体合同签订率",
            "工资集体协议签订率",
            "集体合同覆盖率",
            "collective contract coverage",
        ),
        note_zh="报告未说明分母的范围(全部企业还是已建会企业)。",
        note_en="The report does not say which enterprises the denominator covers (all or unionised).",
    ),
    Indicator(
        code="women_special_contracts",
        name_zh="女职工特殊权益保护专项集体合同",
        name_en="Units with a women workers' special-protection contract",
        category="rights",
        unit_zh="个",
        unit_en="units",
        kind="stock",
        direction="increase",
        definition_zh=f"{_STOCK_ZH}签订了女职工特殊权益保护专项集体合同的企事业单位数。",
        definition_en=(
            "Number of enterprises and public institutions that have signed a special collective "
            f"contract protecting women workers' rights, {_STOCK_EN}."
        ),
        fragment="4–5",
        passage="243个企事业单位签订了女职工特殊权益保护专项集体合同。",
        aliases=("女职工专项集体合同", "女职工特殊权益保护专项合同", "女职工专项合同"),
        note_zh="数字跨片段断开:第4片段末尾的“2”与第5片段开头的“43个”合为243个。",
        note_en='The number is split across fragments: "2" ends fragment 4 and "43" opens 5.',
    ),
    Indicator(
        code="workers_congress_rate_restructured",
        name_zh="改制企业职代会建制率",
        name_en="Workers' congress rate, restructured enterprises",
        category="rights",
        unit_zh="%",
        unit_en="%",
        kind="rate",
        direction="increase",
        definition_zh="改制企业职代会建制率 = 已建立职工代表大会制度的改制企业数 ÷ 改制企业总数 × 100%。",
        definition_en=(
            "Rate = restructured enterprises that have set up a workers' congress ÷ all "
            "restructured enterprises × 100%."
        ),
        fragment="5",
        passage=_P5_CONGRESS,
        aliases=("改制企业职代会建立率", "改制企业职工代表大会建制率"),
        note_zh="报告称“95%以上”,95是下限而非确切值。",
        note_en='The report says "above 95%": 95 is a lower bound, not an exact value.',
    ),
    Indicator(
        code="workers_congress_rate_nonpublic",
        name_zh="已建会非公有制企业职代会建制率",
        name_en="Workers' congress rate, unionised non-public enterprises",
        category="rights",
        unit_zh="%",
        unit_en="%",
        kind="rate",
        direction="increase",
        definition_zh=(
            "已建会非公有制企业职代会建制率 = 已建立职工代表大会制度的已建会非公有制企业数 "
            "÷ 已建会非公有制企业总数 × 100%。"
        ),
        definition_en=(
            "Rate = unionised non-public enterprises that have set up a workers' congress ÷ all "
            "unionised non-public enterprises × 100%."
        ),
        fragment="5",
        passage=_P5_CONGRESS,
        aliases=(
            "非公企业职代会建制率",
            "非公有制企业职代会建制率",
            "已建会非公企业职代会建制率",
        ),
    ),
    Indicator(
        code="harmonious_enterprises",
        name_zh="省级劳动关系和谐企业",
        name_en="Enterprises named harmonious in labour relations by the province",
        category="rights",
        unit_zh="户",
        unit_en="enterprises",
        kind="cumulative",
        direction="increase",
        definition_zh=f"被省上命名为“劳动关系和谐企业”的企业户数,{_TERM_ZH}。",
        definition_en=(
            f'Enterprises named "harmonious in labour relations" by the province, {_TERM_EN}.'
        ),
        fragment="5",
        passage=(
            "联合劳动和社会保障部门开展了“劳动关系和谐企业”创建活动,"
            "有14户企业被省上命名为“劳动关系和谐企业”。"
        ),
        aliases=(
            "劳动关系和谐企业",
            "和谐企业",
            "省级和谐企业",
            "harmonious enterprises",
        ),
    ),
    # 帮扶 Aid
    Indicator(
        code="aid_funds",
        name_zh="市总工会帮扶资金",
        name_en="Hardship aid paid by the city federation",
        category="aid",
        unit_zh="万元",
        unit_en="10k yuan",
        kind="cumulative",
        direction="increase",
        definition_zh=f"市总工会用于帮扶困难职工的资金,按用途分列,{_TERM_ZH}。",
        definition_en=(
            f"Money the city federation spent on workers in hardship, by use, {_TERM_EN}."
        ),
        fragment="6–7",
        passage=_P7_AID,
        aliases=("帮扶资金", "帮扶资金总额", "困难职工帮扶资金", "帮扶困难职工资金"),
        groups=("两节慰问", "日常帮扶"),
        group_label_zh="用途",
        group_label_en="Use",
        note_zh=(
            "仅市总工会,不含县区总工会;433万元 = “两节”慰问金278万元 + 其他帮扶资金155万元"
            "(特困职工、困难劳模、困难职工家庭学生、大病致困职工)。"
        ),
        note_en=(
            "City federation only, not the districts and counties; 433 = 278 festival-visit "
            "money + 155 other aid (workers in extreme hardship, model workers in hardship, "
            "students from hardship families, workers impoverished by serious illness)."
        ),
    ),
    Indicator(
        code="festival_visits",
        name_zh='"两节"慰问困难职工',
        name_en="Festival visits to workers in hardship",
        category="aid",
        unit_zh="人次",
        unit_en="person-times",
        kind="cumulative",
        direction="increase",
        definition_zh=f"市总工会在元旦、春节“两节”期间慰问困难职工的人次,{_TERM_ZH}。",
        definition_en=(
            "Visits by the city federation to workers in hardship at New Year and Spring Festival, "
            f"in person-times, {_TERM_EN}."
        ),
        fragment="6–7",
        passage="“两节”慰问困难职工累计达到8900人次,发放慰问金278万元。",
        aliases=(
            "两节慰问人次",
            "两节慰问困难职工人次",
            "慰问困难职工人次",
            "festival visits",
        ),
        note_zh="同时发放的慰问金278万元计入“市总工会帮扶资金”的“两节慰问”一项。",
        note_en="The 2.78 million yuan paid on these visits is the festival-visits group of aid_funds.",
    ),
    Indicator(
        code="hardship_aid_cases",
        name_zh="特困职工、困难劳模、困难职工子女、大病职工帮扶",
        name_en="Hardship aid cases",
        category="aid",
        unit_zh="人次",
        unit_en="person-times",
        kind="cumulative",
        direction="increase",
        definition_zh=(
            "市总工会帮扶特困职工、困难劳模、困难职工家庭学生和大病致困职工的人次,"
            f"{_TERM_ZH}。"
        ),
        definition_en=(
            "Aid given by the city federation to workers in extreme hardship, model workers in "
            "hardship, students from hardship families and workers impoverished by serious "
            f"illness, in person-times, {_TERM_EN}."
        ),
        fragment="7",
        passage="帮扶特困职工、困难劳模、困难职工家庭学生、大病致困职工共830人次,发放帮扶资金155万元。",
        aliases=(
            "日常帮扶人次",
            "帮扶困难职工人次",
            "困难职工帮扶人次",
            "hardship aid",
        ),
        note_zh="同时发放的帮扶资金155万元计入“市总工会帮扶资金”的“日常帮扶”一项;原文为“困难职工家庭学生”。",
        note_en=(
            "The 1.55 million yuan paid is the regular-aid group of aid_funds. The report says "
            "students from hardship families, which the name renders as children."
        ),
    ),
    Indicator(
        code="reemployment_training",
        name_zh="下岗失业人员职业培训",
        name_en="Laid-off workers trained",
        category="aid",
        unit_zh="人",
        unit_en="people",
        kind="cumulative",
        direction="increase",
        definition_zh=f"工会配合政府部门对下岗失业人员进行职业培训的人数,{_TERM_ZH}。",
        definition_en=(
            "Laid-off and unemployed people given vocational training with the unions' help, "
            f"{_TERM_EN}."
        ),
        fragment="7",
        passage=_P7_REEMPLOYMENT,
        aliases=(
            "下岗失业人员培训",
            "下岗职工培训",
            "再就业培训",
            "reemployment training",
        ),
        note_zh=_REEMPLOYMENT_NOTE_ZH,
        note_en=_REEMPLOYMENT_NOTE_EN,
    ),
    Indicator(
        code="reemployment_referral",
        name_zh="下岗失业人员职业介绍",
        name_en="Laid-off workers referred to jobs",
        category="aid",
        unit_zh="人",
        unit_en="people",
        kind="cumulative",
        direction="increase",
        definition_zh=f"工会配合政府部门为下岗失业人员提供职业介绍服务的人数,{_TERM_ZH}。",
        definition_en=(
            "Laid-off and unemployed people given a job-referral service with the unions' help, "
            f"{_TERM_EN}."
        ),
        fragment="7",
        passage=_P7_REEMPLOYMENT,
        aliases=(
            "下岗失业人员职业介绍人数",
            "再就业职业介绍",
            "职业介绍人数",
            "reemployment referral",
        ),
        note_zh=_REEMPLOYMENT_NOTE_ZH,
        note_en=_REEMPLOYMENT_NOTE_EN,
    ),
    Indicator(
        code="reemployment_placement",
        name_zh="下岗失业人员实现就业",
        name_en="Laid-off workers re-employed",
        category="aid",
        unit_zh="人",
        unit_en="people",
        kind="cumulative",
        direction="increase",
        definition_zh=f"在工会配合下实现就业的下岗失业人员人数,{_TERM_ZH}。",
        definition_en=(
            f"Laid-off and unemployed people who found work with the unions' help, {_TERM_EN}."
        ),
        fragment="7",
        passage=_P7_REEMPLOYMENT,
        aliases=(
            "下岗失业人员再就业",
            "实现再就业人数",
            "再就业人数",
            "reemployment placement",
        ),
        note_zh=_REEMPLOYMENT_NOTE_ZH,
        note_en=_REEMPLOYMENT_NOTE_EN,
    ),
    Indicator(
        code="quake_relief_cash",
        name_zh="抗震救灾捐款",
        name_en="Earthquake relief donations",
        category="aid",
        unit_zh="万元",
        unit_en="10k yuan",
        kind="cumulative",
        direction="increase",
        definition_zh="2008年汶川特大地震发生后市总工会接受的抗震救灾捐款金额,自地震起累计。",
        definition_en=(
            "Cash donations for earthquake relief received by the city federation, running total "
            "since the Wenchuan earthquake of May 2008."
        ),
        fragment="7",
        passage=_P7_QUAKE,
        aliases=("抗震救灾捐款额", "地震捐款", "抗震捐款", "quake relief donations"),
        note_zh=_QUAKE_NOTE_ZH,
        note_en=_QUAKE_NOTE_EN,
    ),
    Indicator(
        code="quake_relief_goods",
        name_zh="抗震救灾捐物折价",
        name_en="Earthquake relief goods, valued",
        category="aid",
        unit_zh="万元",
        unit_en="10k yuan",
        kind="cumulative",
        direction="increase",
        definition_zh="2008年汶川特大地震发生后市总工会接受的抗震救灾捐物的折合价值,自地震起累计。",
        definition_en=(
            "Value of goods donated for earthquake relief and received by the city federation, "
            "running total since the Wenchuan earthquake of May 2008."
        ),
        fragment="7",
        passage=_P7_QUAKE,
        aliases=("抗震救灾捐物", "地震捐物", "捐物折价", "quake relief goods"),
        note_zh=_QUAKE_NOTE_ZH,
        note_en=_QUAKE_NOTE_EN,
    ),
    # 职工素质 Workers' skills and recognition
    Indicator(
        code="model_workers",
        name_zh="劳动模范",
        name_en="Model workers named",
        category="skills",
        unit_zh="名",
        unit_en="people",
        kind="cumulative",
        direction="increase",
        definition_zh=f"评选命名的劳动模范人数,按命名级别分列,{_TERM_ZH}。",
        definition_en=f"People named model workers, by the level that named them, {_TERM_EN}.",
        fragment="3",
        passage=(
            "五年来,共评树全国劳动模范2名,省部级劳动模范19名,"
            "市级劳动模范30名,县级劳动模范114名。"
        ),
        aliases=("劳模", "劳模人数", "劳动模范人数", "model workers"),
        groups=("全国", "省部级", "市级", "县级"),
        group_label_zh="级别",
        group_label_en="Level",
    ),
    Indicator(
        code="may_day_certificates",
        name_zh="五一劳动奖状",
        name_en="May Day Labour Certificates (units)",
        category="skills",
        unit_zh="个",
        unit_en="units",
        kind="cumulative",
        direction="increase",
        definition_zh=f"获全国或省级“五一劳动奖状”的单位数,{_TERM_ZH}。",
        definition_en=(
            f"Units awarded a national or provincial May Day Labour Certificate, {_TERM_EN}."
        ),
        fragment="3",
        passage=_P3_HONOURS,
        aliases=("五一奖状", "五一劳动奖状单位", "劳动奖状"),
        note_zh="报告把全国级和省级合在一起计数,未分列。",
        note_en="The report counts national and provincial awards together.",
    ),
    Indicator(
        code="may_day_medals",
        name_zh="五一劳动奖章",
        name_en="May Day Labour Medals (people)",
        category="skills",
        unit_zh="名",
        unit_en="people",
        kind="cumulative",
        direction="increase",
        definition_zh=f"获“五一劳动奖章”的个人数,{_TERM_ZH}。",
        definition_en=f"People awarded a May Day Labour Medal, {_TERM_EN}.",
        fragment="3",
        passage=_P3_HONOURS,
        aliases=("五一奖章", "五一劳动奖章获得者", "劳动奖章"),
        note_zh="报告未说明奖章级别。",
        note_en="The report does not say at what level the medals were awarded.",
    ),
    Indicator(
        code="worker_pioneer_units",
        name_zh="工人先锋号(全国)",
        name_en='National "Workers\' Pioneer" units',
        category="skills",
        unit_zh="个",
        unit_en="units",
        kind="cumulative",
        direction="increase",
        definition_zh=f"获全国“工人先锋号”称号的单位数,{_TERM_ZH}。",
        definition_en=f'Units awarded the national "Workers\' Pioneer" title, {_TERM_EN}.',
        fragment="3",
        passage=_P3_HONOURS,
        aliases=(
            "工人先锋号",
            "全国工人先锋号",
            "工人先锋号单位",
            "workers' pioneer units",
        ),
    ),
    Indicator(
        code="skill_contest_trades",
        name_zh="市级职工技能大赛工种",
        name_en="Trades in city skill contests",
        category="skills",
        unit_zh="个",
        unit_en="trades",
        kind="cumulative",
        direction="increase",
        definition_zh=f"组织开展市级职工技能大赛的工种数,{_TERM_ZH}。",
        definition_en=f"Trades in which a city-level workers' skill contest was held, {_TERM_EN}.",
        fragment="4",
        passage=(
            "在县区和基层工会广泛组织开展劳动竞赛的基础上,"
            "共组织开展了规模较大、参赛人数较多的12个工种的市级职工技能大赛。"
        ),
        aliases=("技能大赛工种", "职工技能大赛工种", "技能大赛工种数"),
    ),
    Indicator(
        code="skill_contest_awards",
        name_zh="技能大赛获奖",
        name_en="Skill contest awards",
        category="skills",
        unit_zh="名",
        unit_en="people",
        kind="cumulative",
        direction="increase",
        definition_zh=f"经技能大赛获得省级“技术能手”“技术标兵”“优秀选手”称号的人数,按称号分列,{_TERM_ZH}。",
        definition_en=(
            "People who won a provincial title through the skill contests (technical expert, "
            f"technical pacesetter, outstanding contestant), by title, {_TERM_EN}."
        ),
        fragment="4",
        passage=_P4_CONTEST,
        aliases=(
            "技能大赛获奖人数",
            "技能竞赛获奖",
            "技能大赛获奖者",
            "skill contest winners",
        ),
        groups=("技术能手", "技术标兵", "优秀选手"),
        group_label_zh="称号",
        group_label_en="Title",
        note_zh="报告写作“省级技术能手”,称号为省级。",
        note_en="The report calls them provincial titles.",
    ),
    Indicator(
        code="skill_grade_promotions",
        name_zh="取得高一级技术等级证书",
        name_en="Workers promoted a technical grade",
        category="skills",
        unit_zh="人",
        unit_en="people",
        kind="cumulative",
        direction="increase",
        definition_zh=f"通过技能大赛取得高一级技术等级证书的职工人数,{_TERM_ZH}。",
        definition_en=(
            "Workers who gained a certificate for the next-higher technical grade through the "
            f"skill contests, {_TERM_EN}."
        ),
        fragment="4",
        passage=_P4_CONTEST,
        aliases=(
            "晋升技术等级",
            "技术等级晋升",
            "高一级技术等级证书",
            "skill grade promotions",
        ),
    ),
    Indicator(
        code="rationalisation_proposals",
        name_zh="合理化建议",
        name_en="Rationalisation proposals",
        category="skills",
        unit_zh="条",
        unit_en="items",
        kind="cumulative",
        direction="increase",
        definition_zh=f"全市职工提出的合理化建议条数,{_TERM_ZH}。",
        definition_en=f"Rationalisation proposals made by the city's workers, {_TERM_EN}.",
        fragment="4",
        passage=_P4_PROPOSALS,
        aliases=("合理化建议数", "合理化建议条数", "职工合理化建议"),
        note_zh="报告称“近3万条”,30000是近似值(实际略少)。",
        note_en='The report says "nearly 30,000": an approximation from below.',
    ),
    Indicator(
        code="proposal_benefit",
        name_zh="合理化建议创经济效益",
        name_en="Economic benefit of proposals",
        category="skills",
        unit_zh="万元",
        unit_en="10k yuan",
        kind="cumulative",
        direction="increase",
        definition_zh=f"职工合理化建议创造的经济效益,以万元计,{_TERM_ZH}。",
        definition_en=(
            f"Economic benefit created by workers' rationalisation proposals, {_TERM_EN}."
        ),
        fragment="4",
        passage=_P4_PROPOSALS,
        aliases=("合理化建议经济效益", "合理化建议效益", "合理化建议创效"),
        note_zh="报告称“近9000万元”,9000是近似值(实际略少)。",
        note_en='The report says "nearly 9,000" (10k yuan): an approximation from below.',
    ),
    Indicator(
        code="worker_libraries",
        name_zh="职工书屋",
        name_en="Worker libraries",
        category="skills",
        unit_zh="个",
        unit_en="libraries",
        kind="stock",
        direction="increase",
        definition_zh=f"{_STOCK_ZH}已建成的“职工书屋”个数,示范点按级别分列。",
        definition_en=(
            f"Worker libraries built, {_STOCK_EN}; demonstration sites by level."
        ),
        fragment="16",
        passage=(
            "5年内,在现有职工文化阵地的基础上,以企业为重点,集中力量建设“职工书屋”40个,"
            "其中建成省级“职工书屋”示范点2个、市级示范点8个。"
        ),
        aliases=("职工书屋数量", "职工书屋数", "职工书屋个数", "worker reading rooms"),
        groups=("省级示范点", "市级示范点"),
        group_label_zh="示范点级别",
        group_label_en="Demonstration level",
        note_zh="报告只给出目标(2008—2013年五年内建成40个,其中省级示范点2个、市级示范点8个),未给出现状数。",
        note_en=(
            "Only a target is stated: 40 within five years (2008–2013), of which 2 provincial "
            "and 8 city demonstration sites; no current figure is given."
        ),
    ),
    # 自身建设 Federation capacity
    Indicator(
        code="cadres_trained_upper",
        name_zh="参加全国、全省培训的工会干部",
        name_en="Cadres sent to national and provincial training",
        category="capacity",
        unit_zh="名",
        unit_en="people",
        kind="cumulative",
        direction="increase",
        definition_zh=f"选派参加全国、全省工会干部培训班的干部人数,{_TERM_ZH}。",
        definition_en=(
            "Union cadres sent to national and provincial union cadre training courses, "
            f"{_TERM_EN}."
        ),
        fragment="9",
        passage="五年共选派300多名干部参加了全国、全省工会干部培训班。",
        aliases=("参加上级培训的工会干部", "选派培训干部", "上级培训干部人数"),
        note_zh="报告称“300多名”,300是下限。",
        note_en='The report says "over 300": 300 is a lower bound.',
    ),
    Indicator(
        code="city_training_sessions",
        name_zh="市总工会培训班",
        name_en="City federation training courses",
        category="capacity",
        unit_zh="期",
        unit_en="courses",
        kind="cumulative",
        direction="increase",
        definition_zh=f"市总工会举办的工会干部培训班期数,{_TERM_ZH}。",
        definition_en=f"Training courses for union cadres run by the city federation, {_TERM_EN}.",
        fragment="9",
        passage=_P9_TRAINING,
        aliases=("市总培训班期数", "市总工会培训班期数", "市总工会举办培训班"),
    ),
    Indicator(
        code="city_training_attendance",
        name_zh="市总工会培训人次",
        name_en="City federation training attendance",
        category="capacity",
        unit_zh="人次",
        unit_en="person-times",
        kind="cumulative",
        direction="increase",
        definition_zh=f"市总工会举办的培训班培训的人次,{_TERM_ZH}。",
        definition_en=(
            f"Attendance at the city federation's training courses, in person-times, {_TERM_EN}."
        ),
        fragment="9",
        passage=_P9_TRAINING,
        aliases=("市总培训人次", "市总工会培训人数", "市总工会干部培训人次"),
        note_zh="报告称“490余人次”,490是下限。",
        note_en='The report says "over 490": 490 is a lower bound.',
    ),
    Indicator(
        code="county_training_attendance",
        name_zh="县区总工会培训人次",
        name_en="District and county training attendance",
        category="capacity",
        unit_zh="人次",
        unit_en="person-times",
        kind="cumulative",
        direction="increase",
        definition_zh=f"县区总工会通过多种形式培训工会干部的人次,{_TERM_ZH}。",
        definition_en=(
            "Union cadres trained in various forms by the district and county federations, "
            f"in person-times, {_TERM_EN}."
        ),
        fragment="9",
        passage=_P9_TRAINING,
        aliases=("县区培训人次", "县区工会培训人次", "县区工会干部培训人次"),
        note_zh="报告称“2400多人次”,2400是下限。",
        note_en='The report says "over 2,400": 2,400 is a lower bound.',
    ),
]
