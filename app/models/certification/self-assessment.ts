// The self-assessment an organisation answers before it pledges: one question per rule of the
// Labour Code 2019 (arts. 61, 143-147), Circular 09/2020 on minor workers and the Law on
// Occupational Safety and Health 2015 (art. 21), each citing its article
// exactly as ../shared/domain/child-labour-facts.md does. A question applies only to the age bands
// the organisation employs; an answer that reveals a breach blocks submission and says what must
// change and why. Rules are data here and pure functions below, so they are tested without a page.

type Text = { vi: string; en: string };

/** Which workers a question is about, from the profile's counts per age band. */
type AgeScope = "all" | "minors" | "under15" | "from13to15" | "under13" | "from15to18";

type AssessmentAnswer = "yes" | "no";

type AssessmentQuestion = {
  id: string;
  scope: AgeScope;
  /** The article the rule comes from, as the facts sheet cites it */
  article: Text;
  prompt: Text;
  /** The answer that reveals a breach: most questions are phrased so that "no" does */
  breach: AssessmentAnswer;
  /** What must change, and why, shown when the answer is a breach */
  fix: Text;
};

/** Bumped whenever a question is added, removed or changes meaning; applications record it. */
export const SELF_ASSESSMENT_VERSION = "2026-12-02";

const LABOUR_CODE = { vi: "Bộ luật Lao động 2019", en: "Labour Code 2019" };
const CIRCULAR = { vi: "Thông tư 09/2020/TT-BLĐTBXH", en: "Circular 09/2020/TT-BLĐTBXH" };
const OSH_LAW = { vi: "Luật An toàn, vệ sinh lao động 2015", en: "Law on Occupational Safety and Health 2015" };

export const SELF_ASSESSMENT: readonly AssessmentQuestion[] = [
  {
    id: "accurate-ages",
    scope: "all",
    article: { vi: `Điều 143 ${LABOUR_CODE.vi}`, en: `Article 143, ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Số người lao động chưa đủ 18 tuổi ghi trong hồ sơ cơ sở, theo từng độ tuổi, là đúng và đủ (tính theo ngày tháng năm sinh của từng người).",
      en: "The numbers of workers under 18 in the organisation's profile, by age band, are right and complete (counted from each person's date of birth).",
    },
    breach: "no",
    fix: {
      vi: "Hãy sửa số người lao động theo từng độ tuổi trong hồ sơ cơ sở cho đúng, rồi làm lại bản tự đánh giá. Người lao động chưa đủ 18 tuổi là lao động chưa thành niên; mỗi độ tuổi có quy định riêng, nên bản tự đánh giá chỉ đúng khi số liệu đúng.",
      en: "Correct the numbers of workers by age band in the organisation's profile, then do the self-assessment again. A worker under 18 is a minor employee; each age band has its own rules, so the self-assessment is only right when the numbers are.",
    },
  },
  {
    // Asked of every organisation: the profile counts workers, and apprentices may not be among them.
    id: "apprentice-ages",
    scope: "all",
    article: { vi: `Khoản 4 Điều 61 ${LABOUR_CODE.vi}`, en: `Article 61(4), ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Có người học nghề, tập nghề nào tại cơ sở chưa đủ 14 tuổi, hoặc chưa đủ 18 tuổi mà học, tập một nghề, công việc nặng nhọc, độc hại, nguy hiểm (trừ lĩnh vực nghệ thuật, thể dục, thể thao) không?",
      en: "Is anyone learning or practising a trade at the organisation under 14, or under 18 and learning a heavy, hazardous or dangerous trade or job (other than in the arts or sports)?",
    },
    breach: "yes",
    fix: {
      vi: "Hãy ngừng nhận người chưa đủ 14 tuổi học nghề, tập nghề, kể cả con cháu trong gia đình theo học nghề; với nghề, công việc nặng nhọc, độc hại, nguy hiểm, người học nghề, tập nghề phải đủ 18 tuổi (trừ nghệ thuật, thể dục, thể thao). Đây là độ tuổi luật đặt ra cho việc học nghề, tập nghề.",
      en: "Stop taking anyone under 14 as an apprentice or trainee, including relatives learning the family trade; for heavy, hazardous or dangerous trades and jobs, apprentices and trainees must be 18 (except in the arts and sports). These are the ages the law sets for learning a trade.",
    },
  },
  {
    id: "parent-consent",
    scope: "minors",
    article: {
      vi: `Khoản 3 Điều 144 và khoản 4 Điều 18 ${LABOUR_CODE.vi}`,
      en: `Article 144(3) and Article 18(4), ${LABOUR_CODE.en}`,
    },
    prompt: {
      vi: "Cơ sở có sự đồng ý của cha, mẹ hoặc người giám hộ đối với từng người lao động chưa đủ 18 tuổi; với người từ đủ 15 đến chưa đủ 18 tuổi, đó là sự đồng ý bằng văn bản của người đại diện theo pháp luật.",
      en: "The organisation has the consent of the father, mother or guardian of every worker under 18; for workers aged 15 to under 18, the written consent of their legal representative.",
    },
    breach: "no",
    fix: {
      vi: "Hãy xin sự đồng ý của cha, mẹ hoặc người giám hộ của từng em trước khi cho em làm việc; với người từ đủ 15 đến chưa đủ 18 tuổi, sự đồng ý của người đại diện theo pháp luật phải bằng văn bản. Luật yêu cầu sự đồng ý này để sử dụng người lao động chưa thành niên.",
      en: "Obtain the consent of each young worker's father, mother or guardian before they work; for those aged 15 to under 18, their legal representative's consent must be in writing. The law requires this consent to employ a minor.",
    },
  },
  {
    id: "written-contract-under15",
    scope: "under15",
    article: { vi: `Điều 145 và khoản 4 Điều 18 ${LABOUR_CODE.vi}`, en: `Article 145 and Article 18(4), ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Với mỗi người lao động chưa đủ 15 tuổi, cơ sở có hợp đồng lao động bằng văn bản, ký với chính người đó và với người đại diện theo pháp luật của họ.",
      en: "For every worker under 15, the organisation has a written labour contract signed with that person and with their legal representative.",
    },
    breach: "no",
    fix: {
      vi: "Hãy ký hợp đồng lao động bằng văn bản với từng người chưa đủ 15 tuổi, cùng với người đại diện theo pháp luật của em, trước khi cho em làm việc. Luật yêu cầu hợp đồng bằng văn bản, có chữ ký của cả em và người đại diện; thỏa thuận miệng là không đủ.",
      en: "Sign a written labour contract with each worker under 15, together with their legal representative, before they work. The law requires a written contract signed by both the young person and the representative; a spoken agreement is not enough.",
    },
  },
  {
    id: "signer-record-under15",
    scope: "under15",
    article: { vi: `Điều 4 ${CIRCULAR.vi}`, en: `Article 4, ${CIRCULAR.en}` },
    prompt: {
      vi: "Người ký hợp đồng phía cơ sở với người chưa đủ 15 tuổi có phiếu lý lịch tư pháp cấp không quá 6 tháng, không có án tích về xâm hại trẻ em, và có bản cam kết chưa từng bị truy cứu hay xử phạt về xâm hại trẻ em.",
      en: "The person who signs the contract with a worker under 15 for the organisation has a criminal record certificate issued within the last 6 months showing no conviction for abusing children, and a written statement that they have never been prosecuted or penalised for abusing children.",
    },
    breach: "no",
    fix: {
      vi: "Người ký hợp đồng phía cơ sở cần có phiếu lý lịch tư pháp (cấp không quá 6 tháng) và bản cam kết trước khi ký hợp đồng với người chưa đủ 15 tuổi. Quy định này bảo vệ các em khỏi người từng xâm hại trẻ em.",
      en: "The organisation's signer needs a criminal record certificate (issued within 6 months) and the written statement before signing a contract with a worker under 15. The rule protects children from people who have abused children.",
    },
  },
  {
    id: "under13-work",
    scope: "under13",
    article: { vi: `Khoản 3 Điều 145 ${LABOUR_CODE.vi}`, en: `Article 145(3), ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Mỗi người lao động chưa đủ 13 tuổi chỉ làm công việc nghệ thuật, thể dục, thể thao không làm tổn hại đến sự phát triển thể lực, trí lực, nhân cách của em.",
      en: "Every worker under 13 does only artistic, physical-training or sports work that does not harm their physical, mental and personal development.",
    },
    breach: "no",
    fix: {
      vi: "Hãy ngừng cho người chưa đủ 13 tuổi làm việc, trừ công việc nghệ thuật, thể dục, thể thao không tổn hại đến sự phát triển của em. Luật không cho tuyển dụng, sử dụng người chưa đủ 13 tuổi làm bất kỳ công việc nào khác.",
      en: "Stop any worker under 13 from working, except artistic, physical-training or sports work that does not harm their development. The law forbids recruiting or employing anyone under 13 for any other work.",
    },
  },
  {
    id: "under13-approval",
    scope: "under13",
    article: { vi: `Khoản 3 Điều 145 ${LABOUR_CODE.vi}`, en: `Article 145(3), ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Cơ sở đã có sự đồng ý của cơ quan chuyên môn về lao động thuộc Ủy ban nhân dân cấp tỉnh cho từng người chưa đủ 13 tuổi trước khi em bắt đầu làm việc.",
      en: "The organisation had the consent of the provincial People's Committee's labour authority for every worker under 13 before they started work.",
    },
    breach: "no",
    fix: {
      vi: "Hãy ngừng cho em làm việc cho đến khi có sự đồng ý của cơ quan chuyên môn về lao động thuộc Ủy ban nhân dân cấp tỉnh. Luật chỉ cho sử dụng người chưa đủ 13 tuổi khi có sự đồng ý này.",
      en: "Stop the child working until the provincial People's Committee's labour authority has consented. The law allows employing a person under 13 only with that consent.",
    },
  },
  {
    id: "light-work-13-15",
    scope: "from13to15",
    article: {
      vi: `Điều 143 ${LABOUR_CODE.vi}; Điều 8 và Phụ lục II ${CIRCULAR.vi}`,
      en: `Article 143, ${LABOUR_CODE.en}; Article 8 and Appendix II, ${CIRCULAR.en}`,
    },
    prompt: {
      vi: "Người lao động từ đủ 13 đến chưa đủ 15 tuổi chỉ làm công việc nhẹ có trong danh mục (ví dụ nuôi tằm, dệt tơ tằm, thêu ren, đan lát mây tre, gói bánh kẹo bằng tay), và chỉ ở những công đoạn không dùng hóa chất độc hại.",
      en: "Workers aged 13 to under 15 do only light work on the official list (for example silkworm raising, silk weaving, embroidery, rattan and bamboo weaving, wrapping cakes and sweets by hand), and only at stages that use no toxic chemicals.",
    },
    breach: "no",
    fix: {
      vi: "Hãy chuyển em sang một công việc nhẹ có trong danh mục, hoặc ngừng cho em làm việc. Người từ đủ 13 đến chưa đủ 15 tuổi chỉ được làm công việc nhẹ trong danh mục của Bộ trưởng; danh mục không gồm các công đoạn dùng hóa chất độc hại và việc vận hành máy đóng gói.",
      en: "Move the young worker to light work on the list, or stop them working. Workers aged 13 to under 15 may do only light work on the Minister's list; the list excludes stages that use toxic chemicals and operating packaging machines.",
    },
  },
  {
    id: "workplace-13-15",
    scope: "from13to15",
    article: {
      vi: `Điều 3 ${CIRCULAR.vi}; khoản 2 Điều 147 ${LABOUR_CODE.vi}`,
      en: `Article 3, ${CIRCULAR.en}; Article 147(2), ${LABOUR_CODE.en}`,
    },
    prompt: {
      vi: "Người lao động từ đủ 13 đến chưa đủ 15 tuổi chỉ làm việc ở những nơi nằm ngoài danh sách sau: dưới nước, dưới lòng đất, hang động, đường hầm; công trường xây dựng; cơ sở giết mổ gia súc; sòng bạc, quán bar, vũ trường, phòng hát karaoke, khách sạn, nhà nghỉ, cơ sở tắm hơi, xoa bóp, điểm kinh doanh xổ số, dịch vụ trò chơi điện tử; nơi làm việc khác thuộc danh mục gây tổn hại (Phụ lục IV).",
      en: "Workers aged 13 to under 15 work only in places outside this list: under water, underground, in caves or tunnels; on building sites; in slaughterhouses; in casinos, bars, dance halls, karaoke rooms, hotels, guest houses, saunas, massage parlours, lottery outlets or video-game services; another workplace on the list of harmful workplaces (Appendix IV).",
    },
    breach: "no",
    fix: {
      vi: "Hãy bố trí cho em làm việc ở một nơi không bị cấm, hoặc ngừng cho em làm việc. Người từ đủ 13 đến chưa đủ 15 tuổi chỉ được làm việc ở nơi không thuộc các nơi này.",
      en: "Move the young worker to a place that is not forbidden, or stop them working. Workers aged 13 to under 15 may work only in places outside these.",
    },
  },
  {
    id: "school-hours-under15",
    scope: "under15",
    article: { vi: `Điều 145 ${LABOUR_CODE.vi}`, en: `Article 145, ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Cơ sở xếp giờ làm việc của người chưa đủ 15 tuổi ngoài thời gian học của em, để em vẫn đi học đầy đủ.",
      en: "The organisation schedules the working hours of workers under 15 outside their study time, so that they keep up with school in full.",
    },
    breach: "no",
    fix: {
      vi: "Hãy xếp lại giờ làm để em không phải nghỉ học hay bỏ giờ học. Luật yêu cầu giờ làm của người chưa đủ 15 tuổi không ảnh hưởng đến thời gian học.",
      en: "Rearrange the hours so that the young worker misses no school. The law requires that the hours of a worker under 15 do not affect their schooling.",
    },
  },
  {
    id: "hours-under15",
    scope: "under15",
    article: { vi: `Điều 146 ${LABOUR_CODE.vi}`, en: `Article 146, ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Người lao động chưa đủ 15 tuổi làm không quá 4 giờ trong một ngày, không quá 20 giờ trong một tuần, và không làm thêm giờ.",
      en: "Workers under 15 work no more than 4 hours a day and 20 hours a week, and do no overtime.",
    },
    breach: "no",
    fix: {
      vi: "Hãy giảm giờ làm của em xuống không quá 4 giờ một ngày và 20 giờ một tuần, và không cho em làm thêm giờ. Đây là giới hạn luật đặt ra cho người chưa đủ 15 tuổi.",
      en: "Cut the young worker's hours to at most 4 a day and 20 a week, with no overtime. These are the law's limits for workers under 15.",
    },
  },
  {
    id: "night-under15",
    scope: "under15",
    article: { vi: `Điều 146 và Điều 106 ${LABOUR_CODE.vi}`, en: `Articles 146 and 106, ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Có người lao động chưa đủ 15 tuổi nào làm việc ban đêm (từ 22 giờ đến 06 giờ sáng hôm sau) không?",
      en: "Does any worker under 15 work at night (from 22:00 to 06:00 the next morning)?",
    },
    breach: "yes",
    fix: {
      vi: "Hãy ngừng cho người chưa đủ 15 tuổi làm việc trong khoảng từ 22 giờ đến 06 giờ sáng hôm sau. Luật không cho người chưa đủ 15 tuổi làm việc ban đêm.",
      en: "Stop workers under 15 working between 22:00 and 06:00. The law forbids night work for anyone under 15.",
    },
  },
  {
    id: "health-under15",
    scope: "under15",
    article: { vi: `Điều 145 ${LABOUR_CODE.vi}`, en: `Article 145, ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Mỗi người lao động chưa đủ 15 tuổi có giấy khám sức khỏe xác nhận sức khỏe phù hợp với công việc trước khi bắt đầu làm.",
      en: "Every worker under 15 had a health certificate confirming they are fit for the work before starting.",
    },
    breach: "no",
    fix: {
      vi: "Hãy cho em đi khám sức khỏe và chỉ giao việc khi giấy khám sức khỏe xác nhận em phù hợp với công việc đó. Luật yêu cầu điều này trước khi người chưa đủ 15 tuổi bắt đầu làm việc.",
      en: "Have the young worker's health checked and give them the work only once a health certificate confirms they are fit for it. The law requires this before a worker under 15 starts work.",
    },
  },
  {
    id: "conditions-under15",
    scope: "under15",
    article: { vi: `Điều 145 ${LABOUR_CODE.vi}`, en: `Article 145, ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Điều kiện làm việc và an toàn, vệ sinh lao động nơi người chưa đủ 15 tuổi làm việc phù hợp với lứa tuổi của em.",
      en: "The working conditions and the occupational safety and health where workers under 15 work suit their age.",
    },
    breach: "no",
    fix: {
      vi: "Hãy sửa chỗ làm, dụng cụ và cách làm cho phù hợp với lứa tuổi của em (ví dụ bàn ghế vừa tầm, không có máy móc hay vật dụng nguy hiểm trong tầm tay), hoặc ngừng cho em làm việc ở đó. Luật yêu cầu điều kiện làm việc và an toàn, vệ sinh lao động phù hợp lứa tuổi khi sử dụng người chưa đủ 15 tuổi.",
      en: "Adapt the workplace, tools and way of working to the young worker's age (for example a bench of the right height, no dangerous machines or objects within reach), or stop them working there. The law requires working conditions and safety suited to the age of a worker under 15.",
    },
  },
  {
    id: "rest-breaks-under15",
    scope: "under15",
    article: {
      vi: `Điều 3 ${CIRCULAR.vi}; khoản 2 Điều 109 ${LABOUR_CODE.vi}`,
      en: `Article 3, ${CIRCULAR.en}; Article 109(2), ${LABOUR_CODE.en}`,
    },
    prompt: {
      vi: "Cơ sở bố trí các đợt nghỉ giải lao trong giờ làm việc cho người lao động chưa đủ 15 tuổi.",
      en: "The organisation gives workers under 15 rest breaks during their working hours.",
    },
    breach: "no",
    fix: {
      vi: "Hãy xếp các đợt nghỉ giải lao trong giờ làm của em và cho em nghỉ thật sự trong những lúc đó. Đây là một điều kiện để được sử dụng người chưa đủ 15 tuổi.",
      en: "Schedule rest breaks within the young worker's hours and let them really rest then. This is one of the conditions for employing a worker under 15.",
    },
  },
  {
    id: "contract-terms-under15",
    scope: "under15",
    article: { vi: `Điều 4 ${CIRCULAR.vi}`, en: `Article 4, ${CIRCULAR.en}` },
    prompt: {
      vi: "Hợp đồng lao động với người chưa đủ 15 tuổi ghi chỗ ở của em (nếu em làm việc xa nhà) và việc cơ sở bảo đảm điều kiện học tập cho em.",
      en: "The labour contract with a worker under 15 states where they live (if they work away from home) and how the organisation ensures the conditions for their studies.",
    },
    breach: "no",
    fix: {
      vi: "Hãy bổ sung vào hợp đồng chỗ ở của em (nếu em làm việc xa nhà) và việc cơ sở bảo đảm điều kiện học tập cho em, có chữ ký của em và người đại diện theo pháp luật. Thông tư yêu cầu hợp đồng với người chưa đủ 15 tuổi có những nội dung này.",
      en: "Add to the contract where the young worker lives (if they work away from home) and how the organisation ensures the conditions for their studies, signed by them and their legal representative. The Circular requires a contract with a worker under 15 to state these.",
    },
  },
  {
    id: "health-checks-minors",
    scope: "minors",
    article: { vi: `Khoản 1 Điều 21 ${OSH_LAW.vi}`, en: `Article 21(1), ${OSH_LAW.en}` },
    prompt: {
      vi: "Mỗi người lao động chưa đủ 18 tuổi được khám sức khỏe ít nhất 6 tháng một lần.",
      en: "Every worker under 18 has a health check at least once every 6 months.",
    },
    breach: "no",
    fix: {
      vi: "Hãy cho từng người lao động chưa đủ 18 tuổi đi khám sức khỏe, rồi khám lại ít nhất 6 tháng một lần, và ghi kết quả vào sổ theo dõi. Luật yêu cầu người lao động chưa thành niên được khám sức khỏe ít nhất 6 tháng một lần, không chỉ người chưa đủ 15 tuổi.",
      en: "Have every worker under 18 checked, then again at least every 6 months, and write the results in the register. The law requires a health check at least every 6 months for every minor worker, not only those under 15.",
    },
  },
  {
    id: "hours-15-18",
    scope: "from15to18",
    article: { vi: `Điều 146 ${LABOUR_CODE.vi}`, en: `Article 146, ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Người lao động từ đủ 15 đến chưa đủ 18 tuổi làm không quá 8 giờ trong một ngày và không quá 40 giờ trong một tuần.",
      en: "Workers aged 15 to under 18 work no more than 8 hours a day and 40 hours a week.",
    },
    breach: "no",
    fix: {
      vi: "Hãy xếp lại ca để mỗi em làm không quá 8 giờ một ngày và 40 giờ một tuần. Đây là giới hạn luật đặt ra cho người từ đủ 15 đến chưa đủ 18 tuổi.",
      en: "Rearrange the shifts so that each young worker works at most 8 hours a day and 40 a week. These are the law's limits for workers aged 15 to under 18.",
    },
  },
  {
    id: "overtime-night-15-18",
    scope: "from15to18",
    article: {
      vi: `Điều 146 ${LABOUR_CODE.vi}; Điều 10 và Phụ lục V ${CIRCULAR.vi}`,
      en: `Article 146, ${LABOUR_CODE.en}; Article 10 and Appendix V, ${CIRCULAR.en}`,
    },
    prompt: {
      vi: "Có người lao động từ đủ 15 đến chưa đủ 18 tuổi nào làm thêm giờ hoặc làm việc ban đêm ở nghề, công việc không có trong danh mục được phép (Phụ lục V) không?",
      en: "Does any worker aged 15 to under 18 do overtime or night work in a trade or job that is not on the permitted list (Appendix V)?",
    },
    breach: "yes",
    fix: {
      vi: "Hãy ngừng cho em làm thêm giờ và làm ban đêm, trừ ở nghề, công việc có trong danh mục (ví dụ nghề truyền thống như dệt tơ tằm, thủ công mỹ nghệ). Người từ đủ 15 đến chưa đủ 18 tuổi chỉ được làm thêm giờ, làm ban đêm ở những nghề, công việc thuộc danh mục của Bộ trưởng.",
      en: "Stop the young worker's overtime and night work, except in trades or jobs on the list (for example traditional crafts such as silk weaving, or handicrafts). Workers aged 15 to under 18 may do overtime or night work only in trades and jobs on the Minister's list.",
    },
  },
  {
    id: "prohibited-work-15-18",
    scope: "from15to18",
    article: { vi: `Khoản 1 Điều 147 ${LABOUR_CODE.vi}`, en: `Article 147(1), ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Có người lao động từ đủ 15 đến chưa đủ 18 tuổi nào làm một trong các việc sau không: mang, vác, nâng vật nặng quá thể trạng; sản xuất, kinh doanh cồn, rượu, bia, thuốc lá, chất tác động đến tinh thần, chất gây nghiện; sản xuất, sử dụng, vận chuyển hóa chất, khí gas, chất nổ; bảo trì, bảo dưỡng thiết bị, máy móc; phá dỡ công trình xây dựng; nấu, thổi, đúc, cán, dập, hàn kim loại; lặn biển, đánh bắt thủy, hải sản xa bờ; công việc khác thuộc danh mục gây tổn hại (Phụ lục III)?",
      en: "Does any worker aged 15 to under 18 do any of the following: carrying or lifting loads too heavy for their build; producing or trading in alcohol, spirits, beer, tobacco, psychoactive or addictive substances; producing, using or transporting chemicals, gas or explosives; maintaining or servicing equipment and machines; demolishing buildings; melting, blowing, casting, rolling, pressing or welding metal; sea diving or offshore fishing; other work on the list of harmful work (Appendix III)?",
    },
    breach: "yes",
    fix: {
      vi: "Hãy chuyển ngay em sang một công việc không bị cấm. Luật cấm giao những công việc này cho người từ đủ 15 đến chưa đủ 18 tuổi.",
      en: "Move the young worker at once to work that is not forbidden. The law forbids these kinds of work for anyone aged 15 to under 18.",
    },
  },
  {
    id: "prohibited-place-15-18",
    scope: "from15to18",
    article: { vi: `Khoản 2 Điều 147 ${LABOUR_CODE.vi}`, en: `Article 147(2), ${LABOUR_CODE.en}` },
    prompt: {
      vi: "Có người lao động từ đủ 15 đến chưa đủ 18 tuổi nào làm việc ở một trong các nơi sau không: dưới nước, dưới lòng đất, hang động, đường hầm; công trường xây dựng; cơ sở giết mổ gia súc; sòng bạc, quán bar, vũ trường, phòng hát karaoke, khách sạn, nhà nghỉ, cơ sở tắm hơi, xoa bóp, điểm kinh doanh xổ số, dịch vụ trò chơi điện tử; nơi làm việc khác thuộc danh mục gây tổn hại (Phụ lục IV)?",
      en: "Does any worker aged 15 to under 18 work in any of these places: under water, underground, in caves or tunnels; on building sites; in slaughterhouses; in casinos, bars, dance halls, karaoke rooms, hotels, guest houses, saunas, massage parlours, lottery outlets or video-game services; another workplace on the list of harmful workplaces (Appendix IV)?",
    },
    breach: "yes",
    fix: {
      vi: "Hãy bố trí cho em làm việc ở một nơi không bị cấm. Luật cấm sử dụng người từ đủ 15 đến chưa đủ 18 tuổi làm việc ở những nơi này.",
      en: "Move the young worker to a place that is not forbidden. The law forbids employing anyone aged 15 to under 18 in these places.",
    },
  },
  {
    id: "register",
    scope: "minors",
    article: {
      vi: `Khoản 3 Điều 144 ${LABOUR_CODE.vi}; Điều 12 ${CIRCULAR.vi}`,
      en: `Article 144(3), ${LABOUR_CODE.en}; Article 12, ${CIRCULAR.en}`,
    },
    prompt: {
      vi: "Cơ sở lập và cập nhật sổ theo dõi riêng người lao động chưa thành niên, ghi họ tên, ngày tháng năm sinh, công việc đang làm, kết quả các lần kiểm tra sức khỏe định kỳ, và xuất trình sổ khi cơ quan có thẩm quyền yêu cầu.",
      en: "The organisation keeps and updates a separate register of its minor workers, with their names, dates of birth, current work and the results of their periodic health checks, and shows it when the authorities ask.",
    },
    breach: "no",
    fix: {
      vi: "Hãy lập sổ theo dõi riêng người lao động chưa thành niên với đủ các nội dung trên, và cập nhật sổ mỗi khi có thay đổi. Luật yêu cầu sổ này và yêu cầu xuất trình khi cơ quan có thẩm quyền cần.",
      en: "Start a separate register of minor workers with all of the above, and update it whenever something changes. The law requires this register, and that it be shown to the authorities when they ask.",
    },
  },
];

/** How many workers the organisation has in each age band, from its profile. */
export type AgeCounts = { under13: number; from13to15: number; from15to18: number };

function scopeApplies(scope: AgeScope, counts: AgeCounts) {
  switch (scope) {
    case "all":
      return true;
    case "minors":
      return counts.under13 + counts.from13to15 + counts.from15to18 > 0;
    case "under15":
      return counts.under13 + counts.from13to15 > 0;
    case "from13to15":
      return counts.from13to15 > 0;
    case "under13":
      return counts.under13 > 0;
    case "from15to18":
      return counts.from15to18 > 0;
  }
}

/** The questions an organisation must answer: those about the age bands it employs. */
export function applicableQuestions(counts: AgeCounts, questions: readonly AssessmentQuestion[] = SELF_ASSESSMENT) {
  return questions.filter((question) => scopeApplies(question.scope, counts));
}

export type AssessmentAnswers = Record<string, AssessmentAnswer>;

type Breach = { question: string; article: Text; fix: Text };

type AssessmentResult = { ok: true; answers: AssessmentAnswers } | { ok: false; missing: string[]; breaches: Breach[]; answers: AssessmentAnswers };

/**
 * Checks a set of answers against the profile's age bands: every applicable question answered
 * "yes" or "no", and none with the answer that reveals a breach. Answers to questions that do not
 * apply are dropped; anything other than "yes" or "no" counts as unanswered.
 */
export function evaluateSelfAssessment(counts: AgeCounts, given: Record<string, unknown>, questions: readonly AssessmentQuestion[] = SELF_ASSESSMENT): AssessmentResult {
  const answers: AssessmentAnswers = {};
  const missing: string[] = [];
  const breaches: Breach[] = [];
  for (const question of applicableQuestions(counts, questions)) {
    const answer = given[question.id];
    if (answer !== "yes" && answer !== "no") {
      missing.push(question.id);
      continue;
    }
    answers[question.id] = answer;
    if (answer === question.breach) breaches.push({ question: question.id, article: question.article, fix: question.fix });
  }
  return missing.length === 0 && breaches.length === 0 ? { ok: true, answers } : { ok: false, missing, breaches, answers };
}
