/**
 * The Korean vocabulary of the course: for each term, the English word, the one Korean term every Korean lesson
 * and interface string uses, and the variants that must not appear (tests/unit/i18n/glossary.test.ts reads every
 * Korean text of the project and fails on any of them). The choices follow what Korean ML students and the talk
 * use. A variant is matched as written, so list each spelling and spacing that should be refused.
 */
export interface GlossaryTerm {
  en: string;
  ko: string;
  /** Spellings of the same idea that the course does not use. Hangul variants are refused anywhere in a Korean text; Latin ones outside formulas and code. */
  avoid: readonly string[];
  /** Why a choice was made, where it is not obvious. */
  note?: string;
}

export const glossary: readonly GlossaryTerm[] = [
  { en: 'feature map', ko: '특징 맵', avoid: ['특성 맵', '특성맵', '특징맵', '피처 맵', '피처맵'] },
  {
    en: 'flatten, flattening',
    ko: '평탄화',
    avoid: ['펼치기', '펼친', '펼쳐', '펼치면', '펼칩니다', '플래튼'],
    note: 'Every form of 펼치다 is refused: in this course it would always read as flattening. Revealing a line of a derivation is 드러내다.',
  },
  {
    en: 'fully connected layer, dense layer, linear layer',
    ko: '완전 연결 층',
    avoid: ['덴스 층', '덴스층', '밀집층', '밀집 층', '선형층', '선형 층', '완전연결층', '완전 연결층', '전결합층'],
    note: 'Keras calls it Dense and the CAM paper a linear layer: one thing, one Korean name.',
  },
  { en: 'lesson', ko: '강의', avoid: ['레슨'] },
  {
    en: 'colour map (colour scale)',
    ko: '색상 맵',
    avoid: ['색 지도', '색지도', '색 척도', '색상 척도', '컬러맵', '컬러 맵'],
    note: 'The colours a value is drawn with, and the range they span (a legend). 척도 alone stays for a scale of numbers (min-max scaling).',
  },
  {
    en: 'gradient',
    ko: '그래디언트',
    avoid: ['기울기', '그라디언트', '그레이디언트', '구배'],
    note: '기울기 is refused everywhere: in this course a slope is always a derivative, and two words for it read as two ideas.',
  },
  { en: 'bounding box, box', ko: '바운딩 박스', avoid: ['상자', '경계 박스', '바운딩박스'], note: 'Short form: 박스 (예측 박스, 정답 박스).' },
  { en: 'weakly supervised object localization', ko: '약지도 객체 위치 추정', avoid: ['약한 지도 학습 기반', '약지도 위치 찾기'] },
  { en: 'weakly supervised', ko: '약지도', avoid: ['약한 지도', '약하게 지도'] },
  { en: 'localization', ko: '위치 추정', avoid: ['위치 찾기'], note: 'As in 위치 추정 오류율 (localization error).' },
  { en: 'saliency map', ko: 'saliency 맵', avoid: ['돌출도', '돌출 맵', '현저성', 'saliency 지도', '기울기 지도'] },
  { en: 'global average pooling', ko: '전역 평균 풀링', avoid: ['글로벌 평균 풀링', '전역 평균값 풀링'] },
  { en: 'global max pooling', ko: '전역 최대 풀링', avoid: ['전역 최댓값 풀링', '전역 최대값 풀링', '글로벌 최대 풀링', '전역 맥스 풀링'] },
  { en: 'class score', ko: '클래스 점수', avoid: ['클래스 스코어', '클래스 득점'] },
  { en: 'class activation map', ko: '클래스 활성화 맵', avoid: ['클래스 활성 맵', '클래스 활성화 지도', '클래스 활성 지도'] },
  { en: 'network', ko: '신경망', avoid: ['네트워크'], note: 'Lessons 1-5 said 신경망 and 6-9 네트워크; the course keeps 신경망.' },
  { en: 'softmax', ko: '소프트맥스', avoid: ['softmax'], note: 'In running Korean text; formulas and code keep softmax.' },
  { en: 'threshold', ko: '임곗값', avoid: ['임계값', '임계치', '문턱값'] },
  { en: 'plain sum (the CAM paper’s pooling)', ko: '단순 합', avoid: ['단순합'] },
  { en: 'focus (of the keyboard)', ko: '포커스', avoid: ['초점'] },
  { en: 'heatmap', ko: '히트맵', avoid: ['히트 맵', '열지도', '열 지도'] },
  { en: 'bias', ko: '편향', avoid: ['바이어스'] },
  { en: 'counterfactual explanation', ko: '반사실적 설명', avoid: ['반사실 설명', '카운터팩추얼'] },
];
