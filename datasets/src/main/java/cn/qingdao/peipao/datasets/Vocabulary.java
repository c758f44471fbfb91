package cn.qingdao.peipao.datasets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** Words and shares from which {@link SyntheticEcosystem} builds realistic Chinese entities. */
final class Vocabulary {
  private Vocabulary() {}

  /** Share of projects per main sector; sectors not listed get {@link #OTHER_WEIGHT}. */
  static final Map<String, Double> SECTOR_SHARES =
      Map.ofEntries(
          Map.entry("ngit", 0.12),
          Map.entry("ai", 0.12),
          Map.entry("life_health", 0.08),
          Map.entry("icv_nev", 0.05),
          Map.entry("low_altitude", 0.04),
          Map.entry("green_energy", 0.06),
          Map.entry("smart_equipment", 0.08),
          Map.entry("smart_appliance", 0.06),
          Map.entry("marine", 0.11),
          Map.entry("advanced_chemicals", 0.04),
          Map.entry("future", 0.04),
          Map.entry("modern_services", 0.14),
          Map.entry("agriculture", 0.06));

  /**
   * Share of entities per district, after the population and start-up activity the sources report.
   */
  static final Map<String, Double> DISTRICT_SHARES =
      Map.of(
          "shinan",
          0.12,
          "shibei",
          0.11,
          "xihaian",
          0.18,
          "laoshan",
          0.13,
          "licang",
          0.08,
          "chengyang",
          0.10,
          "jimo",
          0.08,
          "jiaozhou",
          0.08,
          "pingdu",
          0.06,
          "laixi",
          0.06);

  static final Map<String, Double> NEED_SHARES =
      Map.of(
          "policy",
          0.14,
          "market",
          0.16,
          "finance",
          0.18,
          "capital",
          0.12,
          "space",
          0.12,
          "industry",
          0.08,
          "talent",
          0.08,
          "compliance",
          0.07,
          "training",
          0.05);

  static final double OTHER_WEIGHT = 0.03;

  /** Weights for {@code items} in order, looked up by code. */
  static <T> double[] weights(List<T> items, Function<T, String> code, Map<String, Double> shares) {
    return items.stream()
        .mapToDouble(i -> shares.getOrDefault(code.apply(i), OTHER_WEIGHT))
        .toArray();
  }

  static double[] weights(List<String> codes, Map<String, Double> shares) {
    return weights(codes, c -> c, shares);
  }

  private static final Map<String, List<String>> TOPICS =
      Map.ofEntries(
          Map.entry("ngit", List.of("工业互联网", "芯片设计", "低代码SaaS", "数据中台", "网络安全", "虚拟现实内容")),
          Map.entry("ai", List.of("行业大模型", "机器视觉质检", "智能语音客服", "AI数据标注", "具身智能", "大模型智能体")),
          Map.entry("life_health", List.of("海洋创新药", "医疗器械", "数字医疗", "基因检测", "康复辅具", "智慧养老")),
          Map.entry("icv_nev", List.of("动力电池回收", "智能驾驶域控", "车联网终端", "换电站", "汽车轻量化零部件")),
          Map.entry("low_altitude", List.of("无人机巡检", "低空物流配送", "eVTOL航电", "无人机植保", "低空文旅航拍")),
          Map.entry("green_energy", List.of("氢能燃料电池", "分布式光伏", "海上风电运维", "工商业储能", "节能改造")),
          Map.entry("smart_equipment", List.of("工业机器人", "智能检测设备", "精密数控", "轨道交通装备", "柔性产线")),
          Map.entry("smart_appliance", List.of("智能家居", "智慧厨房", "家电核心部件", "全屋智能")),
          Map.entry("marine", List.of("海洋观测", "智慧海洋大模型", "海洋牧场", "海洋生物活性物质", "船舶智能运维", "海水淡化")),
          Map.entry("advanced_chemicals", List.of("高分子新材料", "精细化工", "环保涂料", "复合材料")),
          Map.entry("future", List.of("量子通信", "人形机器人", "合成生物", "脑机接口", "深海探测")),
          Map.entry("modern_services", List.of("文创街区", "精品咖啡", "鲁菜餐饮", "跨境电商", "直播电商", "研学旅游")),
          Map.entry("agriculture", List.of("智慧农业", "特色果品", "水肥一体化", "农村电商", "乡村民宿", "海参养殖")));

  static List<String> topics(String sector) {
    return TOPICS.getOrDefault(sector, List.of("创新"));
  }

  static final List<String> PRODUCT_NOUNS = List.of("平台", "系统", "解决方案", "服务", "产品", "项目");

  static final List<String> VALUE_PHRASES =
      List.of(
          "帮助客户降本增效",
          "已完成样机验证",
          "已获得首批订单",
          "服务本地中小企业数字化升级",
          "拥有多项发明专利",
          "正在拓展省外市场",
          "与高校共建联合实验室",
          "带动周边就业");

  static final List<String> TEAM_PHRASES =
      List.of("核心团队来自本地高校", "创始人有十年行业经验", "团队由海归博士领衔", "团队成员多为应届毕业生", "依托科研院所成果转化", "返乡创业团队扎根乡村");

  static final List<String> COMPETITIONS =
      List.of("创·在青岛创新创业大赛", "中国（青岛）国际菁英创新创业大赛", "山东省创业大赛", "中国国际大学生创新大赛");

  static final List<String> MENTOR_ORGS =
      List.of(
          "高校创新创业学院",
          "会计师事务所",
          "律师事务所",
          "创投机构",
          "商业银行",
          "行业协会",
          "龙头企业研究院",
          "人力资源服务机构",
          "区人社局创业服务专员",
          "知识产权代理机构",
          "营销咨询公司");

  static final List<String> FIRM_WORDS =
      List.of("海创", "蓝海", "启航", "崂山", "胶州湾", "琴岛", "星火", "鲲鹏", "青创", "海纳");

  static final Map<String, String> INVESTOR_SUFFIX =
      Map.of(
          "angel",
          "天使投资基金",
          "vc",
          "创业投资",
          "pe",
          "股权投资",
          "bank",
          "银行科技支行",
          "guarantee",
          "融资担保公司",
          "government_fund",
          "政府引导基金");

  static final Map<String, String> PARK_SUFFIX =
      Map.of(
          "incubation_park",
          "创业孵化基地",
          "high_level_park",
          "高能级创业孵化园区",
          "startup_street",
          "创业街区",
          "community_station",
          "就享家服务站",
          "university_park",
          "大学生创业园",
          "enablement_center",
          "创业赋能中心");

  /** Probability that a founder belongs to each group (independent draws). */
  static final Map<String, Double> GROUP_SHARES = new LinkedHashMap<>();

  static {
    GROUP_SHARES.put("college_graduate", 0.45);
    GROUP_SHARES.put("returnee", 0.12);
    GROUP_SHARES.put("hardship", 0.05);
    GROUP_SHARES.put("veteran", 0.05);
    GROUP_SHARES.put("researcher", 0.08);
    GROUP_SHARES.put("overseas_returnee", 0.05);
    GROUP_SHARES.put("migrant_worker", 0.05);
    GROUP_SHARES.put("flexible_worker", 0.04);
  }

  private static final String SURNAMES =
      "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
  private static final String GIVEN =
      "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬宇浩凯健俊帆帅旭宁鑫博晨阳思雨欣怡嘉琪泽瑞昊然一诺子轩梓涵海波青岚";

  static String personName(Random rnd) {
    StringBuilder b = new StringBuilder();
    b.append(SURNAMES.charAt(rnd.nextInt(SURNAMES.length())));
    int n = rnd.nextDouble() < 0.7 ? 2 : 1;
    for (int i = 0; i < n; i++) b.append(GIVEN.charAt(rnd.nextInt(GIVEN.length())));
    return b.toString();
  }
}
