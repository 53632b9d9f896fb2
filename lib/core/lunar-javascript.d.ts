// The part of lunar-javascript (which ships no types) that the masthead's 农历 uses.
declare module "lunar-javascript" {
  export interface Lunar {
    /** 干支 of the lunar year, e.g. "丙午"; turns at 正月初一. */
    getYearInGanZhi(): string;
    /** "正", "二" … "冬", "腊"; a leap month reads "闰六". */
    getMonthInChinese(): string;
    /** "初一" … "三十". */
    getDayInChinese(): string;
  }
  export const Solar: { fromYmd(year: number, month: number, day: number): { getLunar(): Lunar } };
}
