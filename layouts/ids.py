"""Every component id, prefixed by its page, so pages never collide and tests find elements by name."""

URL = "url"
LANG_LINK = "nav-lang"

OVERVIEW_YEAR = "overview-year"
OVERVIEW_REGION = "overview-region"
OVERVIEW_CARDS = "overview-cards"
OVERVIEW_SHOWN = "overview-shown"

INDICATOR_YEAR = "indicator-year"
INDICATOR_REGION = "indicator-region"
INDICATOR_SHOWN = "indicator-shown"
INDICATOR_MAIN_CHART = "indicator-main-chart"
INDICATOR_REGION_CHART = "indicator-region-chart"
INDICATOR_GROUP_CHART = "indicator-group-chart"
INDICATOR_TABLE = "indicator-table"

BRIEFING_SECTION = "briefing-section"
BRIEFING_PDF = "briefing-pdf"
BRIEFING_PPTX = "briefing-pptx"
BRIEFING_JOB = "briefing-job"
BRIEFING_POLL = "briefing-poll"
BRIEFING_STATUS = "briefing-status"
