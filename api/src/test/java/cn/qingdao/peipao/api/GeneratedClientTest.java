package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.client.ApiClient;
import cn.qingdao.peipao.client.ApiException;
import cn.qingdao.peipao.client.api.AllocationApi;
import cn.qingdao.peipao.client.api.EntitiesApi;
import cn.qingdao.peipao.client.api.FeedbackApi;
import cn.qingdao.peipao.client.api.GrowthApi;
import cn.qingdao.peipao.client.api.PoliciesApi;
import cn.qingdao.peipao.client.api.RecommendationsApi;
import cn.qingdao.peipao.client.api.ServiceApi;
import cn.qingdao.peipao.client.model.Allocation;
import cn.qingdao.peipao.client.model.AllocationDraftRequest;
import cn.qingdao.peipao.client.model.Feedback;
import cn.qingdao.peipao.client.model.GrowthRecord;
import cn.qingdao.peipao.client.model.Location;
import cn.qingdao.peipao.client.model.PolicyCalculator200Response;
import cn.qingdao.peipao.client.model.PolicyCalculatorRequest;
import cn.qingdao.peipao.client.model.PolicyPeople200Response;
import cn.qingdao.peipao.client.model.Project;
import cn.qingdao.peipao.client.model.RecommendAdHocRequest;
import cn.qingdao.peipao.client.model.Recommendations;
import cn.qingdao.peipao.client.model.SearchResult;
import cn.qingdao.peipao.client.model.Taxonomy;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client an integrator generates from {@code /openapi.json} (OpenAPI Generator, Java "native"
 * library; generated at build time from the shipped document) drives the real server through every
 * area. Its JSON mapper refuses unknown properties, so an answer carrying a field the document does
 * not declare fails here — the document cannot drift from what the server sends.
 */
class GeneratedClientTest {
  @TempDir static Path dir;
  static TestServer s;
  static ApiClient client;

  @BeforeAll
  static void start() {
    s = TestServer.withDemoData(dir);
    client = new ApiClient();
    client.updateBaseUri(s.base);
    client.setObjectMapper(
        ApiClient.createDefaultObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static final String PROJECT = "syn-p-00112";

  @Test
  void serviceAndTaxonomy() throws ApiException {
    ServiceApi service = new ServiceApi(client);
    assertEquals("ok", service.health().getStatus().getValue());
    Taxonomy t = service.taxonomy();
    assertEquals(13, t.getSectors().size());
    assertEquals(168, t.getPlaces().size());
  }

  @Test
  void searchEveryType() throws ApiException {
    EntitiesApi entities = new EntitiesApi(client);
    SearchResult projects =
        entities.searchProjects("海洋", null, null, null, "370200", null, null, null, 1, 5);
    assertTrue(projects.getTotal() > 0);
    assertEquals(5, projects.getItems().size());
    assertTrue(projects.getFacets().containsKey("city"));
    assertTrue(
        entities.searchMentors(null, "ai", null, null, null, null, null, null, 1, 3).getTotal()
            > 0);
    assertTrue(
        entities.searchParks(null, null, null, null, null, null, null, null, 1, 3).getTotal() > 0);
    assertTrue(
        entities.searchInvestors(null, null, null, null, null, null, "bank", null, 1, 3).getTotal()
            > 0);
    assertTrue(
        entities.searchPolicies("创业担保贷款", null, null, null, null, null, null, null, 1, 3).getTotal()
            > 0);
  }

  @Test
  void createReadReplaceWithTheGeneratedModels() throws ApiException {
    EntitiesApi entities = new EntitiesApi(client);
    Project p =
        new Project()
            .id("gc-1")
            .name("生成客户端测试项目")
            .sectors(List.of("ai"))
            .stage(Project.StageEnum.SEED)
            .location(new Location().district("370102"))
            .needs(List.of("finance"));
    Project created = entities.createProjects(p);
    assertEquals("370100", created.getLocation().getCity());
    assertEquals(1, created.getVersion());
    Project replaced = entities.putProjects("gc-1", created.name("生成客户端测试项目二"), "\"1\"");
    assertEquals(2, replaced.getVersion());
    ApiException stale =
        assertThrows(ApiException.class, () -> entities.putProjects("gc-1", replaced, "\"1\""));
    assertEquals(412, stale.getCode());
    assertEquals("生成客户端测试项目二", entities.getProjects("gc-1").getName());
  }

  @Test
  void recommendationsInEveryDirection() throws ApiException {
    RecommendationsApi recs = new RecommendationsApi(client);
    for (String target : List.of("mentors", "parks", "investors", "policies")) {
      Recommendations r =
          recs.recommendForProject(
              PROJECT,
              target,
              5,
              null,
              true,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              target.equals("policies") ? true : null);
      assertFalse(r.getItems().isEmpty(), target);
    }
    assertFalse(
        recs.recommendForMentor(
                "syn-m-00021", 3, null, true, null, null, null, null, null, null, null)
            .getItems()
            .isEmpty());
    assertFalse(
        recs.recommendForPark(
                "k-shaohaihui", 3, null, true, null, null, null, null, null, null, null)
            .getItems()
            .isEmpty());
    assertFalse(
        recs.recommendForInvestor(
                "i-qrcb-shinan", 3, null, true, null, null, null, null, null, null, null)
            .getItems()
            .isEmpty());
    Project draft =
        new Project()
            .name("海洋大模型数据标注平台")
            .sectors(List.of("ai", "marine"))
            .stage(Project.StageEnum.SEED)
            .location(new Location().district("laoshan"))
            .needs(List.of("finance"));
    Recommendations adHoc =
        recs.recommendAdHoc(
            new RecommendAdHocRequest()
                .target(RecommendAdHocRequest.TargetEnum.INVESTORS)
                .profile(draft)
                .limit(2));
    assertEquals(2, adHoc.getItems().size());
  }

  @Test
  void calculatorAndPolicyToPeople() throws ApiException {
    PoliciesApi policies = new PoliciesApi(client);
    PolicyCalculator200Response calc =
        policies.policyCalculator(
            new PolicyCalculatorRequest()
                .profile(
                    Map.of(
                        "stage",
                        "seed",
                        "inPark",
                        true,
                        "location",
                        Map.of("district", "shibei"),
                        "founder",
                        Map.of("groups", List.of("college_graduate"))))
                .date(LocalDate.of(2026, 6, 1)));
    assertTrue(
        calc.getItems().stream()
            .anyMatch(
                i ->
                    i.getId().equals("pol-cdb-personal")
                        && i.getVerdict().getValue().equals("eligible")),
        calc.toString());
    PolicyPeople200Response people =
        policies.policyPeople("pol-cdb-personal", "eligible", null, "370200", null, 5, 0);
    assertTrue(people.getEligible() > 0);
    assertEquals(5, people.getItems().size());
  }

  @Test
  void allocationDraftPublishAndList() throws ApiException {
    AllocationApi allocations = new AllocationApi(client);
    Allocation draft =
        allocations.allocationDraft(
            new AllocationDraftRequest()
                .projects(List.of("syn-p-00001", "syn-p-00002", "syn-p-00003"))
                .counterpart(AllocationDraftRequest.CounterpartEnum.MENTORS)
                .mode(AllocationDraftRequest.ModeEnum.COVERAGE));
    assertEquals("draft", draft.getStatus().getValue());
    Allocation published = allocations.allocationPublish(draft.getId());
    assertEquals("published", published.getStatus().getValue());
    assertTrue(
        allocations.allocationsList("published", 0, 10).getItems().stream()
            .anyMatch(a -> a.getId().equals(draft.getId())));
  }

  @Test
  void feedbackAndGrowth() throws ApiException {
    FeedbackApi feedback = new FeedbackApi(client);
    feedback.feedbackRecord(
        new Feedback()
            .subjectType("projects")
            .subjectId(PROJECT)
            .targetType("mentors")
            .targetId("syn-m-00021")
            .action(Feedback.ActionEnum.CLICK)
            .rank(1));
    assertTrue(
        feedback.feedbackList("projects", PROJECT, null, null, null, 0, 10).getItems().size() > 0);
    GrowthApi growth = new GrowthApi(client);
    growth.growthRecord(
        PROJECT,
        List.of(
            new GrowthRecord()
                .date(LocalDate.of(2026, 10, 1))
                .revenue(new BigDecimal(100000))
                .employees(new BigDecimal(5))));
    assertFalse(growth.growthHistory(PROJECT).getItems().isEmpty());
    assertNotNull(growth.alerts(null, "370200", null, null, 0, 10).getTotal());
  }
}
